package dev.drrunbooks.aws;

import java.util.function.Supplier;

/**
 * What the activity running on this thread acts for: the AWS account its run's workflow named (the
 * {@code dr-aws-account} activity header, set by the worker's AwsAccountInterceptor) and the run's
 * workflow id (the STS session name when the account is reached through a role). Outside an
 * activity, or without the header: none, and {@link AwsClients} uses the default credentials.
 */
public record AwsCallContext(String accountId, String workflowId) {
  private static final ThreadLocal<AwsCallContext> CURRENT = new ThreadLocal<>();

  /** The context of the activity on this thread; null outside one. */
  public static AwsCallContext current() {
    return CURRENT.get();
  }

  /** Runs {@code body} with this context, restoring the one before (activities never nest). */
  public <T> T run(Supplier<T> body) {
    AwsCallContext before = CURRENT.get();
    CURRENT.set(this);
    try {
      return body.get();
    } finally {
      if (before == null) CURRENT.remove();
      else CURRENT.set(before);
    }
  }
}
