package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Durations;
import dev.drrunbooks.bootstrap.connect.SearchAttributeCheck;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.testing.SandboxEnv;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A namespace without the runs' search attributes: a run there would fail its last workflow task
 * forever, so the worker refuses to start and {@code dr doctor} names the command that registers
 * them. The sandbox's default namespace has them all.
 */
class SearchAttributeCheckSandboxTest {
  private final SandboxEnv env = SandboxEnv.get();
  private final WorkflowServiceStubs service =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder()
              .setTarget(env.require("TEMPORAL_ADDRESS"))
              .build());

  @AfterEach
  void close() {
    service.shutdownNow();
  }

  @Test
  void aNamespaceWithoutTheAttributesIsRefusedByTheWorkerAndNamedByDoctor() throws Exception {
    assertEquals(List.of(), SearchAttributeCheck.missing(service, "default"));

    String bare = "dr-bare-" + Long.toString(System.nanoTime(), 36);
    service
        .blockingStub()
        .registerNamespace(
            RegisterNamespaceRequest.newBuilder()
                .setNamespace(bare)
                .setWorkflowExecutionRetentionPeriod(Durations.fromDays(1))
                .build());
    List<String> all = SearchAttributes.ALL.stream().map(k -> k.getName()).toList();
    assertEquals(all, missingOnceKnown(bare));

    CliRun doctor =
        CliRun.of(
            new String[] {
              "--address",
              env.require("TEMPORAL_ADDRESS"),
              "--namespace",
              bare,
              "--catalog",
              CatalogFixture.path().toString()
            },
            "doctor");
    assertEquals(1, doctor.exitCode(), doctor.toString());
    assertTrue(
        doctor.out().contains("search-attributes")
            && doctor.out().contains("lacks DrProcedure, DrService")
            && doctor
                .out()
                .contains(
                    "temporal operator search-attribute create --namespace "
                        + bare
                        + " --name DrRtoSeconds --type Int"),
        doctor.toString());

    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                WorkerProcess.start(
                        env,
                        "sa-check",
                        "worker-bare-namespace",
                        Map.of("TEMPORAL_NAMESPACE", bare))
                    .close());
    assertTrue(refused.getMessage().contains("worker exited early"), refused.getMessage());
    assertTrue(
        refused.getMessage().contains("lacks the search attributes [DrProcedure"),
        refused.getMessage());
  }

  /** A namespace just registered may not be known to every server part for a few seconds. */
  private List<String> missingOnceKnown(String namespace) throws InterruptedException {
    Instant until = Instant.now().plusSeconds(30);
    while (true) {
      try {
        return SearchAttributeCheck.missing(service, namespace);
      } catch (StatusRuntimeException e) {
        if (Instant.now().isAfter(until)) throw e;
        Thread.sleep(500);
      }
    }
  }
}
