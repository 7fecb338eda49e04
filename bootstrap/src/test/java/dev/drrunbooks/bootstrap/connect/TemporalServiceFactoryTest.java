package dev.drrunbooks.bootstrap.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.payload.DrDataConverter;
import io.grpc.Metadata;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How worker and starter reach Temporal, decided by the environment alone (the stubs connect
 * lazily).
 */
class TemporalServiceFactoryTest {

  @Test
  void theSecurityIsDescribedWithoutTheSecret() {
    assertEquals(
        "plaintext", TemporalServiceFactory.describeSecurity(Map.of("TEMPORAL_API_KEY", " ")));
    assertEquals(
        "mTLS", TemporalServiceFactory.describeSecurity(Map.of("TEMPORAL_TLS_CERT", "c.pem")));
    assertEquals(
        "TLS + API key",
        TemporalServiceFactory.describeSecurity(Map.of("TEMPORAL_API_KEY", "secret")));
  }

  @Test
  void plainForTheSandboxHttpsWithAnApiKey() {
    WorkflowServiceStubs plain = TemporalServiceFactory.connect("127.0.0.1:7233", Map.of());
    WorkflowServiceStubs cloud =
        TemporalServiceFactory.connect("ns.tmprl.cloud:7233", Map.of("TEMPORAL_API_KEY", "secret"));
    try {
      assertEquals("127.0.0.1:7233", plain.getOptions().getTarget());
      assertFalse(plain.getOptions().getEnableHttps());
      assertTrue(cloud.getOptions().getEnableHttps());
      // The key travels as a bearer token in each call's metadata (Temporal Cloud API keys).
      assertEquals(
          "Bearer secret",
          cloud
              .getOptions()
              .getGrpcMetadataProviders()
              .iterator()
              .next()
              .getMetadata()
              .get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)));
    } finally {
      plain.shutdownNow();
      cloud.shutdownNow();
    }
  }

  @Test
  void everyClientReadsAndWritesPayloadsWithTheDrDataConverter() {
    WorkflowClientOptions options = DrClientOptions.forNamespace("dr");
    assertEquals("dr", options.getNamespace());
    assertSame(DrDataConverter.get(), options.getDataConverter());
  }

  @Test
  void aCertificateNeedsItsKeyAndBothMustBeReadable() {
    IllegalArgumentException half =
        assertThrows(
            IllegalArgumentException.class,
            () -> TemporalServiceFactory.connect("x:7233", Map.of("TEMPORAL_TLS_KEY", "k.pem")));
    assertEquals(
        "TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together (PEM files); found only "
            + "TEMPORAL_TLS_KEY",
        half.getMessage());
    UncheckedIOException unreadable =
        assertThrows(
            UncheckedIOException.class,
            () ->
                TemporalServiceFactory.connect(
                    "x:7233",
                    Map.of(
                        "TEMPORAL_TLS_CERT",
                        "no/such/c.pem",
                        "TEMPORAL_TLS_KEY",
                        "no/such/k.pem")));
    assertEquals(
        "cannot read the Temporal client certificate no/such/c.pem or key no/such/k.pem",
        unreadable.getMessage());
  }
}
