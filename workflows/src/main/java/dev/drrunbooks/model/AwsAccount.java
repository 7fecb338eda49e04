package dev.drrunbooks.model;

import io.temporal.workflow.Functions;
import io.temporal.workflow.WorkflowLocal;
import io.temporal.workflow.WorkflowThreadLocal;

/**
 * The AWS account a run's activities act in: the catalog's {@code accountId} of the service the run
 * works on ({@code ServiceDefinition.accountId()}). Each activity a workflow schedules carries it
 * in the {@value #HEADER} header (the worker's AwsAccountInterceptor), and the activity's AWS
 * clients reach that account, through the catalog's {@code accounts} role where it is another
 * account than the worker's own.
 *
 * <p>A run on one service sets it once ({@link #useForRun}, done by {@link ServiceLookup}); a run
 * over several services scopes each service's calls ({@link #in}), which wins over the run's. No
 * account set: the worker's default credentials. It changes no command, only a header, so recorded
 * histories replay unchanged.
 */
public final class AwsAccount {
  /** The activity header naming the account (a JSON string of 12 digits). */
  public static final String HEADER = "dr-aws-account";

  private static final WorkflowLocal<String> RUN = WorkflowLocal.withCachedInitial(() -> null);
  private static final WorkflowThreadLocal<String> SCOPE =
      WorkflowThreadLocal.withCachedInitial(() -> null);

  private AwsAccount() {}

  /** Every activity of this run, on any of its threads, acts in {@code accountId}. */
  public static void useForRun(String accountId) {
    RUN.set(blankToNull(accountId));
  }

  /** Activities {@code body} schedules on this workflow thread act in {@code accountId}. */
  public static <T> T in(String accountId, Functions.Func<T> body) {
    String before = SCOPE.get();
    SCOPE.set(blankToNull(accountId));
    try {
      return body.apply();
    } finally {
      SCOPE.set(before);
    }
  }

  /** The account activities scheduled now act in; null: the worker's default credentials. */
  public static String current() {
    String scoped = SCOPE.get();
    return scoped != null ? scoped : RUN.get();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
