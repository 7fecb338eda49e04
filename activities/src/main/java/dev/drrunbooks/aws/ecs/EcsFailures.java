package dev.drrunbooks.aws.ecs;

import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * ECS's errors sorted for the retry policy. ECS answers most client mistakes with HTTP 400 and a
 * code of its own ({@code ClientException}, {@code ClusterNotFoundException}, ...) that {@link
 * AwsFailures} does not know: those are permanent here. Throttling, {@code ServerException} (5xx)
 * and network trouble are rethrown as is for Temporal to retry.
 */
final class EcsFailures {
  /** ECS error codes that mean "asking again will not help". */
  private static final Set<String> PERMANENT =
      Set.of(
          "ClientException",
          "InvalidParameterException",
          "ClusterNotFoundException",
          "ServiceNotFoundException",
          "ServiceNotActiveException",
          "AccessDeniedException",
          "PlatformUnknownException",
          "PlatformTaskDefinitionIncompatibilityException",
          "UnsupportedFeatureException",
          "NamespaceNotFoundException",
          "TargetNotFoundException",
          "ResourceNotFoundException");

  private EcsFailures() {}

  static String code(SdkException e) {
    return e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
        ? ase.awsErrorDetails().errorCode()
        : "";
  }

  /**
   * Non-retryable with what was attempted and ECS's own words, or the original exception for a
   * retry.
   */
  static RuntimeException translate(SdkException e, String attempted) {
    if (e instanceof AwsServiceException ase
        && !ase.isThrottlingException()
        && ase.statusCode() < 500
        && PERMANENT.contains(code(e))) {
      String message = ase.awsErrorDetails().errorMessage();
      return ApplicationFailure.newNonRetryableFailure(
          attempted + " failed: " + code(e) + ": " + message, "Aws" + code(e));
    }
    return AwsFailures.translate(e, attempted);
  }

  /**
   * The refusal to delete {@code what} (e.g. {@code ECS cluster 'x'}) whose tags do not mark it as
   * created by the run of {@code owner}.
   */
  static ApplicationFailure notOwned(
      String what, String region, Map<String, String> tags, Ownership owner) {
    return ApplicationFailure.newNonRetryableFailure(
        "refusing to delete "
            + what
            + " ("
            + region
            + "): its tags "
            + tags
            + " do not mark it as created by this run ("
            + owner.requiredTags()
            + ")",
        FailureType.NOT_OWNED.type());
  }

  static ApplicationFailure clusterNotFound(String region, String cluster) {
    return ApplicationFailure.newNonRetryableFailure(
        "ECS cluster '" + cluster + "' not found in " + region, "EcsClusterNotFound");
  }

  static ApplicationFailure serviceNotFound(
      String region, String cluster, String service, String reason) {
    return ApplicationFailure.newNonRetryableFailure(
        "ECS service '"
            + service
            + "' not found in cluster '"
            + cluster
            + "' in "
            + region
            + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"),
        "EcsServiceNotFound");
  }

  static ApplicationFailure serviceInactive(String region, String cluster, String service) {
    return ApplicationFailure.newNonRetryableFailure(
        "ECS service '"
            + service
            + "' in cluster '"
            + cluster
            + "' in "
            + region
            + " is INACTIVE (deleted); it cannot be updated or scaled, it must be created again",
        "EcsServiceInactive");
  }

  static ApplicationFailure invalidInput(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.type());
  }

  static void require(String value, String field) {
    if (value == null || value.isBlank()) throw invalidInput(field + " is required");
  }
}
