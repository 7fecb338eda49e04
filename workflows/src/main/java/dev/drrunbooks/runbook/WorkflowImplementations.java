package dev.drrunbooks.runbook;

import dev.drrunbooks.lock.ResourceLockWorkflowImpl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every workflow implementation a worker registers: each {@link Procedure}'s, and the support workflows that
 * are not procedures of their own (nobody starts them by hand, they have no report): the lock that keeps one
 * failover per DNS record, started by the procedures that need it.
 */
public final class WorkflowImplementations {
  private static final List<Class<?>> SUPPORT = List.of(ResourceLockWorkflowImpl.class);

  private WorkflowImplementations() {}

  /** Procedures first, in the runbook's order, then the support workflows. */
  public static List<Class<?>> all() {
    List<Class<?>> all = new ArrayList<>();
    Procedure.all().forEach(p -> all.add(p.implementation()));
    all.addAll(SUPPORT);
    return Collections.unmodifiableList(all);
  }
}
