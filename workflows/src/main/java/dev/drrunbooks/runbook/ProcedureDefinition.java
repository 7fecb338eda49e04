package dev.drrunbooks.runbook;

import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.report.ReportMapping;
import java.util.List;

/**
 * A {@link Procedure} being defined, as each procedure package writes it:
 *
 * <pre>{@code
 * Procedure.of(PointInTimeRestoreWorkflow.class, PointInTimeRestoreWorkflowImpl.class)
 *     .startedBy("pitr", PointInTimeRestoreWorkflowImpl.RULES)
 *     .reportedAs(PointInTimeRestoreReport.MAPPING);
 * }</pre>
 *
 * @param <W> the workflow interface
 * @param command the {@code dr} command that starts it; null until {@link #startedBy}
 * @param inputRules what a run refuses in its input before it does anything; null until {@link
 *     #startedBy}
 * @param locks what a run holds a server-side lock on ({@link Procedure#locks()})
 */
public record ProcedureDefinition<W>(
    Class<W> workflowInterface,
    Class<?> implementation,
    String command,
    InputRules<?> inputRules,
    List<LockedResource> locks) {

  /** The {@code dr} command that starts it, and the rules its input must satisfy. */
  public ProcedureDefinition<W> startedBy(String command, InputRules<?> inputRules) {
    return new ProcedureDefinition<>(workflowInterface, implementation, command, inputRules, locks);
  }

  /** What a run holds a server-side lock on while it changes it (one failover per DNS record). */
  public ProcedureDefinition<W> locking(LockedResource... locks) {
    return new ProcedureDefinition<>(
        workflowInterface, implementation, command, inputRules, List.of(locks));
  }

  /**
   * The procedure, reported by {@code report}, which also names its key and title.
   *
   * @param <R> what the workflow method returns
   * @throws IllegalStateException when {@link #startedBy} was not given, or the parts disagree (the
   *     implementation runs another workflow type, the rules check another input)
   */
  public <R> Procedure<W, R> reportedAs(ReportMapping<R> report) {
    if (command == null || inputRules == null)
      throw new IllegalStateException(workflowInterface + ": startedBy(command, rules) first");
    return new Procedure<>(this, report);
  }
}
