package dev.drrunbooks.model;

import io.temporal.failure.ApplicationFailure;

/**
 * The failure types that cross a boundary: thrown on one side (an activity, a child run, a
 * workflow) and decided on by another (a workflow's clean-up, the starter's exit code, a report). A
 * failure type that only names a failure in a message stays a local string where it is thrown; one
 * that anything compares is here, so a rename cannot leave a comparison behind.
 *
 * <p>{@link #type()} is the string Temporal carries as {@link ApplicationFailure#getType()}:
 * recorded histories hold it, so it never changes.
 */
public enum FailureType {
  /**
   * An input field's value is not allowed; the message names the field, the value and what is
   * allowed.
   */
  INVALID_INPUT("InvalidInput"),
  /** A resource is not tagged as this run's: nothing was changed or deleted. */
  NOT_OWNED("NotOwned"),
  /** Another run holds the lock this run needs (one DNS failover per record). */
  ALREADY_RUNNING("AlreadyRunning"),
  /**
   * The restored data failed its validation queries; the failure's details carry the
   * ValidationReport.
   */
  VALIDATION_FAILED("ValidationFailed"),
  /** DescribeDBInstances answered DBInstanceNotFound. */
  RDS_INSTANCE_NOT_FOUND("RdsInstanceNotFound"),
  /**
   * A CloudFormation stack ended in a failed or rolled-back state while being created or updated.
   */
  STACK_FAILED("StackFailed"),
  /** A CloudFormation stack ended in DELETE_FAILED. */
  STACK_DELETE_FAILED("StackDeleteFailed");

  private final String type;

  FailureType(String type) {
    this.type = type;
  }

  /** As Temporal carries it: {@code InvalidInput}. */
  public String type() {
    return type;
  }

  /** A failure that retrying cannot mend, of this type. */
  public ApplicationFailure nonRetryable(String message, Object... details) {
    return ApplicationFailure.newNonRetryableFailure(message, type, details);
  }

  /** True when this is the type of {@code failure} itself. */
  public boolean is(ApplicationFailure failure) {
    return failure != null && type.equals(failure.getType());
  }

  /**
   * True when the innermost application failure of the chain is of this type ({@link
   * Failures#rootType}).
   */
  public boolean isRootOf(Throwable failure) {
    return type.equals(Failures.rootType(failure));
  }
}
