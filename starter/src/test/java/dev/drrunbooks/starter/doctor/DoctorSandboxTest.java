package dev.drrunbooks.starter.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.testing.SandboxEnv;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** doctor against the running sandbox, and against the same sandbox with one thing wrong. */
class DoctorSandboxTest {
  private final SandboxEnv env = SandboxEnv.get();

  @Test
  void everythingTheSandboxRunsIsReachable() {
    try (Connection c = connection(env.require("TEMPORAL_ADDRESS"))) {
      Checks checks = new Checks(c, env.all());
      assertEquals(CheckResult.Status.OK, checks.catalog().status(), checks.catalog().detail());
      assertEquals(CheckResult.Status.OK, checks.temporalServer().status(), checks.temporalServer().detail());
      assertEquals(CheckResult.Status.OK, checks.awsEndpoint().status(), checks.awsEndpoint().detail());
      CheckResult db = checks.database();
      assertEquals(CheckResult.Status.OK, db.status(), db.detail());
      assertTrue(db.detail().contains("PostgreSQL"), db.detail());
      assertTrue(!db.detail().contains(env.require("DR_DB_PASSWORD")), "the password must never be printed");
      if (!env.get("TEMPORAL_UI_URL", "").isEmpty()) {
        assertEquals(CheckResult.Status.OK, checks.temporalUi().status(), checks.temporalUi().detail());
      }
    }
  }

  @Test
  void whatIsWrongIsSaidExactly() {
    Map<String, String> broken = new HashMap<>(env.all());
    broken.put("DR_DB_PORT", "1");
    try (Connection c = connection("127.0.0.1:1")) {
      Checks checks = new Checks(c, broken);
      CheckResult temporal = checks.temporalServer();
      assertEquals(CheckResult.Status.FAIL, temporal.status());
      assertTrue(temporal.detail().startsWith("cannot reach 127.0.0.1:1 namespace default"), temporal.detail());
      CheckResult db = checks.database();
      assertEquals(CheckResult.Status.FAIL, db.status());
      assertTrue(db.detail().startsWith("jdbc:postgresql://127.0.0.1:1/inventory as dr_admin: "), db.detail());
    }
  }

  private static Connection connection(String address) {
    Connection c = new Connection();
    new CommandLine(c).parseArgs("--address", address, "--catalog", CatalogFixture.path().toString(),
        "--ui", SandboxEnv.get().get("TEMPORAL_UI_URL", ""));
    return c;
  }
}
