package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.approval.Approver;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorIdentityTest {
  @Test
  void drOperatorNamesTheOperator() {
    assertEquals(
        new Approver("operator:sre-alice", "dr approve"),
        OperatorIdentity.of(Map.of("DR_OPERATOR", " sre-alice "), "root", "dr approve"));
  }

  @Test
  void withoutDrOperatorTheLoginNameDoes() {
    assertEquals(
        new Approver("operator:bob", "dr abort"),
        OperatorIdentity.of(Map.of("DR_OPERATOR", " "), "bob", "dr abort"));
    assertEquals(
        new Approver("operator:bob", "dr abort"), OperatorIdentity.of(Map.of(), "bob", "dr abort"));
  }

  @Test
  void aNameThatIsNotPlainIsRefusedNamingWhereItCameFrom() {
    CliFailure bad =
        assertThrows(
            CliFailure.class,
            () -> OperatorIdentity.of(Map.of("DR_OPERATOR", "alice smith"), "root", "dr approve"));
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode());
    assertEquals(
        "DR_OPERATOR: 'alice smith' is not a usable operator name; allowed: letters, digits and . _"
            + " @ - (at most 100), e.g. DR_OPERATOR=alice",
        bad.getMessage());
    assertEquals(
        "the login name 'a/b' is not a usable operator name; allowed: letters, digits and . _ @ -"
            + " (at most 100), e.g. DR_OPERATOR=alice",
        assertThrows(CliFailure.class, () -> OperatorIdentity.of(Map.of(), "a/b", "dr approve"))
            .getMessage());
    assertThrows(
        CliFailure.class,
        () -> OperatorIdentity.of(Map.of("DR_OPERATOR", "x".repeat(101)), "r", "c"));
    assertEquals(
        "operator:" + "x".repeat(100),
        OperatorIdentity.of(Map.of("DR_OPERATOR", "x".repeat(100)), "r", "c").identity());
  }
}
