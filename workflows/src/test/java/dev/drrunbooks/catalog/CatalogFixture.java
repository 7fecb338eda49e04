package dev.drrunbooks.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The project's real catalog, for tests that start from it and break one thing. Read here without
 * the loader's rules (they live in the bootstrap module, which depends on this one, and its tests
 * prove this very file valid); what workflow tests need is the catalog's values.
 */
public final class CatalogFixture {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .registerModule(
              new SimpleModule()
                  .addDeserializer(
                      Duration.class,
                      new StdDeserializer<>(Duration.class) {
                        @Override
                        public Duration deserialize(JsonParser p, DeserializationContext context)
                            throws IOException {
                          return Durations.parse(p.getValueAsString());
                        }
                      }));

  private CatalogFixture() {}

  public static Path path() {
    String root = System.getProperty("dr.repo.root", "..");
    return Path.of(root, "deploy", "catalog", "mycomputer.yaml");
  }

  public static String text() {
    try {
      return Files.readString(path());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Catalog load() {
    return parse(text());
  }

  /**
   * {@link #text()} with Payments' standby an Aurora global database instead of its read replica:
   * global cluster payments-global, primary cluster payments-eu, secondary payments-fra (the DR
   * region). The catalog has no aurora-global service; the Aurora tests use this one.
   *
   * @throws IllegalStateException when Payments' replica block is no longer as this expects
   */
  public static String auroraPaymentsText() {
    String replica =
        "      strategy: replica\n      replica: { instance: mycomputer-payments-db-replica }\n";
    String text = text();
    if (!text.contains(replica))
      throw new IllegalStateException("Payments' recovery block changed: " + path());
    return text.replace(
        replica,
        "      strategy: aurora-global\n"
            + "      auroraGlobal: { globalCluster: payments-global, primaryCluster:"
            + " payments-eu, secondaryCluster: payments-fra }\n");
  }

  /** A catalog from YAML text, e.g. {@link #text()} with one thing changed; not validated. */
  public static Catalog parse(String yaml) {
    try {
      return YAML.readValue(yaml, Catalog.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
