package dev.drrunbooks.readiness;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The evidence behind one step's estimate, for people: how many of the step were measured, whose
 * (the service's own, the same instance class and storage, or the fleet's) and the dates of exactly
 * those samples: "6 restores, 2026-08-03..2026-11-11", "3 restores (all services),
 * 2026-11-02..2026-12-01", "5 restores (restores of db.r6g.large, 100 GiB (within 2x)), ...", "no
 * restore measured".
 */
public final class StepEvidence {
  private StepEvidence() {}

  /**
   * @param service the service the forecast is for: an estimate on its own samples names no basis
   */
  public static String of(String service, StepEstimate e) {
    if (e.samples() <= 0) return e.kind().counted(0);
    String basis = e.basis() == null || e.basis().equals(service) ? "" : " (" + e.basis() + ")";
    String dates = e.from() == null ? "" : ", " + day(e.from()) + ".." + day(e.to());
    return e.kind().counted(e.samples()) + basis + dates;
  }

  /**
   * The estimate of a forecast with the fewest samples behind it, the first on ties; null without.
   */
  public static StepEstimate weakest(RtoForecast f) {
    StepEstimate weakest = null;
    for (StepEstimate e : f.steps())
      if (weakest == null || e.samples() < weakest.samples()) weakest = e;
    return weakest;
  }

  private static String day(Instant at) {
    return at == null ? "?" : LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }
}
