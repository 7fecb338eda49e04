package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Run ids in full or by unique prefix, against a fake server's runs. */
class RunIdResolverTest {
  private static final String PITR = "pitr-inventory-20261201T070000Z-k3f9";
  private static final String PITR_2 = "pitr-inventory-20261201T070000Z-a1b2";
  private final List<String> queried = new ArrayList<>();

  private RunIdResolver over(List<String> runs) {
    return new RunIdResolver(
        runs::contains,
        prefix -> {
          queried.add(prefix);
          return runs.stream().filter(id -> id.startsWith(prefix)).sorted().toList();
        });
  }

  @Test
  void aFullIdIsTakenAsItIsWithoutAPrefixQuery() {
    assertEquals(PITR, over(List.of(PITR, PITR + "-child")).resolve(" " + PITR + " "));
    assertEquals(List.of(), queried, "no visibility query for an id that exists");
  }

  @Test
  void aPrefixOnlyOneRunStartsWithNamesThatRun() {
    assertEquals(PITR, over(List.of(PITR, "drill-x")).resolve("pitr-inv"));
    assertEquals(List.of("pitr-inv"), queried);
  }

  @Test
  void anAmbiguousPrefixIsAUsageErrorListingTheCandidates() {
    CliFailure f =
        assertThrows(CliFailure.class, () -> over(List.of(PITR, PITR_2)).resolve("pitr-"));
    assertEquals(ExitCodes.BAD_INPUT, f.exitCode());
    assertEquals(
        "run id: 'pitr-' is the start of several runs' ids; give more of it: "
            + PITR_2
            + ", "
            + PITR,
        f.getMessage());
  }

  @Test
  void manyCandidatesAreCutAtTenWithAnEllipsis() {
    List<String> runs = IntStream.range(10, 21).mapToObj(i -> "pitr-" + i).toList();
    CliFailure f = assertThrows(CliFailure.class, () -> over(runs).resolve("pitr-"));
    assertTrue(f.getMessage().endsWith("pitr-19, ..."), f.getMessage());
    assertTrue(!f.getMessage().contains("pitr-20"), f.getMessage());
  }

  @Test
  void exactlyTenCandidatesAreAllListedWithoutAnEllipsis() {
    List<String> runs = IntStream.range(10, 20).mapToObj(i -> "pitr-" + i).toList();
    CliFailure f = assertThrows(CliFailure.class, () -> over(runs).resolve("pitr-"));
    assertTrue(f.getMessage().endsWith("pitr-19"), f.getMessage());
  }

  @Test
  void noRunIsNotFound() {
    CliFailure f = assertThrows(CliFailure.class, () -> over(List.of(PITR)).resolve("drill-"));
    assertEquals(ExitCodes.NOT_FOUND, f.exitCode());
    assertEquals(
        "no run with id drill- (nor one whose id starts with it; dr list shows recent runs)",
        f.getMessage());
  }

  @Test
  void aQuoteOrBackslashIsNeverPutInAQuery() {
    for (String bad : List.of("pitr\" OR WorkflowId STARTS_WITH \"", "pitr\\")) {
      CliFailure f = assertThrows(CliFailure.class, () -> over(List.of(PITR)).resolve(bad));
      assertEquals(ExitCodes.NOT_FOUND, f.exitCode());
    }
    assertEquals(List.of(), queried);
  }

  @Test
  void anEmptyIdIsBadInput() {
    for (String blank : new String[] {null, "", "  "}) {
      CliFailure f = assertThrows(CliFailure.class, () -> over(List.of(PITR)).resolve(blank));
      assertEquals(ExitCodes.BAD_INPUT, f.exitCode());
      assertEquals("run id: empty; give a run id or its prefix", f.getMessage());
    }
  }
}
