package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.starter.e2e.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, finding 2: {@code dr pitr --region primary|dr|<region>}; anything else is bad input
 * before starting.
 */
class PitrRegionOptionTest {
  /** Nothing listens on port 1: a command that passes its checks fails to connect instead. */
  private static final String[] NO_SERVER = {
    "--address", "127.0.0.1:1", "--catalog", CatalogFixture.path().toString()
  };

  @TempDir Path dir;

  @Test
  void aBadRegionIsRefusedWithWhatIsAllowed() {
    CliRun run = CliRun.of(NO_SERVER, "pitr", "--service", "locations", "--region", "mars");
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "--region: 'mars' is not valid; expected primary, dr or an AWS region name such as"
                    + " eu-central-1"),
        run.toString());
    assertEquals(1, run.err().strip().lines().count(), "one line: " + run);
  }

  @Test
  void aBadRegionInAnInputFileIsRefusedToo() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("pitr.json"), "{\"service\": \"locations\", \"region\": \"EU West\"}");
    CliRun run = CliRun.of(NO_SERVER, "pitr", "--input", file.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(
        run.err().contains("region (in " + file + "): 'EU West' is not valid"), run.toString());
  }

  @Test
  void primaryDrAndARegionNamePassTheCheck() {
    for (String region : new String[] {"DR", "eu-central-1"}) {
      CliRun run =
          CliRun.of(
              NO_SERVER,
              "pitr",
              "--service",
              "locations",
              "--region",
              region,
              "--subnet-group",
              "app-subnets",
              "--security-group-ids",
              "sg-0123456789abcdef0",
              "--parameter-group",
              "app-pg15");
      assertEquals(ExitCodes.CANNOT_CONNECT, run.exitCode(), region + ": " + run);
    }
  }
}
