package dev.drrunbooks.payload;

import dev.drrunbooks.model.FailureType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.FailureConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.DefaultFailureConverter;

/**
 * Temporal's failure converter, except that an {@link InvalidInputException} is recorded as a
 * non-retryable {@code InvalidInput} application failure: the same type every other bad-input
 * refusal has, so clients tell bad input from other failures by one type.
 */
public final class InvalidInputFailureConverter implements FailureConverter {
  private final FailureConverter standard = new DefaultFailureConverter();

  @Override
  public RuntimeException failureToException(Failure failure, DataConverter dataConverter) {
    return standard.failureToException(failure, dataConverter);
  }

  @Override
  public Failure exceptionToFailure(Throwable throwable, DataConverter dataConverter) {
    if (throwable instanceof InvalidInputException e) {
      ApplicationFailure invalid =
          ApplicationFailure.newNonRetryableFailure(
              e.getMessage(), FailureType.INVALID_INPUT.type());
      // The operator's mistake is the whole story: no converter frames under it in the UI.
      invalid.setStackTrace(new StackTraceElement[0]);
      return standard.exceptionToFailure(invalid, dataConverter);
    }
    return standard.exceptionToFailure(throwable, dataConverter);
  }
}
