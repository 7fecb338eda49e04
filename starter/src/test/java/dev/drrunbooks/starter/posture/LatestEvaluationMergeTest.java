package dev.drrunbooks.starter.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.readiness.CheckVerdict;
import dev.drrunbooks.readiness.ReadinessCheck;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.ServiceReadiness;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trial's "dr readiness --service inventory hides the other services from dr posture". */
class LatestEvaluationMergeTest {
  private static final Instant EARLY = Instant.parse("2026-12-02T10:00:00Z");
  private static final Instant LATE = Instant.parse("2026-12-02T10:20:00Z");

  private static ServiceReadiness service(String key, boolean ready) {
    return new ServiceReadiness(
        key,
        null,
        List.of(
            new ReadinessCheck(
                key, "a check", "x", "y", ready ? CheckVerdict.PASS : CheckVerdict.FAIL)),
        null,
        null,
        List.of());
  }

  private static ReadinessResult evaluation(Instant at, ServiceReadiness... services) {
    return ReadinessResult.of(at, List.of(services), List.of());
  }

  @Test
  void eachServiceComesFromTheNewestEvaluationThatCoveredIt() {
    LatestEvaluation.Merge merge =
        new LatestEvaluation.Merge(Set.of("inventory", "payments", "locations"));
    merge.add("readiness-inventory", "r2", evaluation(LATE, service("inventory", true)));
    assertFalse(merge.complete(), "payments and locations still unseen");
    merge.add(
        "readiness-all",
        "r1",
        evaluation(
            EARLY,
            service("inventory", false),
            service("payments", false),
            service("locations", true),
            service("retired", false)));
    assertTrue(merge.complete());

    LatestEvaluation posture = merge.result().orElseThrow();

    assertEquals("readiness-inventory", posture.workflowId(), "the newest used");
    assertEquals(
        List.of("inventory", "locations", "payments"),
        posture.result().services().stream().map(ServiceReadiness::service).toList(),
        "the catalog's services only, in key order");
    assertTrue(posture.result().services().get(0).ready(), "inventory from the newest evaluation");
    assertEquals(EARLY, posture.result().evaluatedAt(), "as old as its oldest source");
    assertEquals(
        List.of(
            new LatestEvaluation.Source("readiness-inventory", "r2", LATE, List.of("inventory")),
            new LatestEvaluation.Source(
                "readiness-all", "r1", EARLY, List.of("payments", "locations"))),
        posture.sources());
    assertEquals("1 of 3 service(s) not ready: payments (a check)", posture.result().summary());
  }

  @Test
  void anEvaluationThatAddsNothingIsNotASourceAndNoCatalogMeansTheNewestAlone() {
    LatestEvaluation.Merge merge = new LatestEvaluation.Merge(Set.of("inventory"));
    merge.add("new", "r2", evaluation(LATE, service("inventory", true)));
    merge.add("old", "r1", evaluation(EARLY, service("inventory", false)));
    assertEquals(1, merge.result().orElseThrow().sources().size());

    LatestEvaluation.Merge none = new LatestEvaluation.Merge(Set.of());
    assertFalse(none.complete());
    assertTrue(none.result().isEmpty());
    none.add("new", "r2", evaluation(LATE, service("payments", false)));
    assertTrue(none.complete(), "without a catalog, the newest evaluation is the posture");
    assertEquals(
        List.of("payments"),
        none.result().orElseThrow().result().services().stream()
            .map(ServiceReadiness::service)
            .toList());
  }
}
