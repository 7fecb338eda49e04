package dev.drrunbooks.readiness;

import dev.drrunbooks.runbook.Procedure;

/**
 * The readiness evaluation: what recovery needs, checked before it is needed, and the RTO the
 * ledger's evidence predicts; every 30 minutes by a catalog schedule.
 */
public final class ReadinessEvaluation {
  /** The procedure's key: run ids, the DrProcedure search attribute, reports. */
  public static final String KEY = "readiness";

  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<ReadinessEvaluationWorkflow, ReadinessResult> PROCEDURE =
      Procedure.of(ReadinessEvaluationWorkflow.class, ReadinessEvaluationWorkflowImpl.class)
          .startedBy("readiness", ReadinessEvaluationWorkflowImpl.RULES)
          .reportedAs(ReadinessReport.MAPPING);

  private ReadinessEvaluation() {}
}
