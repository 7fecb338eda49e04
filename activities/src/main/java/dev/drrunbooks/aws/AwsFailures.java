package dev.drrunbooks.aws;

import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts AWS errors into the two kinds the retry policy needs: a request that can never succeed (not
 * found, invalid, denied) fails the activity at once; throttling, 5xx and network trouble are
 * rethrown for Temporal to retry with backoff.
 */
public final class AwsFailures {
  /** Error codes that mean "asking again will not help". */
  private static final Set<String> PERMANENT_CODES =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "InvalidParameterValue",
          "InvalidParameterCombination",
          "InvalidParameter",
          "ValidationError",
          "ValidationException",
          "InvalidRequest",
          "MalformedXML",
          "InvalidArgument");

  private AwsFailures() {}

  /**
   * Wraps {@code e} for Temporal: non-retryable with the operator-facing message, or the original
   * for a retry.
   */
  public static RuntimeException translate(SdkException e, String attempted) {
    if (e instanceof AwsServiceException ase && isPermanent(ase)) {
      String code =
          ase.awsErrorDetails() == null || ase.awsErrorDetails().errorCode() == null
              ? "HTTP" + ase.statusCode()
              : ase.awsErrorDetails().errorCode();
      String message =
          ase.awsErrorDetails() == null || ase.awsErrorDetails().errorMessage() == null
              ? ase.getMessage()
              : ase.awsErrorDetails().errorMessage();
      return ApplicationFailure.newNonRetryableFailure(
          attempted + " failed: " + code + ": " + message, "Aws" + code);
    }
    return e;
  }

  public static boolean isPermanent(AwsServiceException e) {
    if (e.isThrottlingException() || e.statusCode() >= 500) return false;
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    return e.statusCode() == 404
        || e.statusCode() == 403
        || code.endsWith("NotFound")
        || code.endsWith("NotFoundFault")
        || code.startsWith("NoSuch")
        || PERMANENT_CODES.contains(code);
  }

  /** True when the error says the thing asked about does not exist. */
  public static boolean isNotFound(SdkException e, String... codes) {
    if (!(e instanceof AwsServiceException ase) || ase.awsErrorDetails() == null) return false;
    String code = ase.awsErrorDetails().errorCode();
    for (String c : codes) if (c.equals(code)) return true;
    return false;
  }
}
