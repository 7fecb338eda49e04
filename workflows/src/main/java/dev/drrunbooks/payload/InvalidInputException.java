package dev.drrunbooks.payload;

import io.temporal.common.converter.DataConverterException;

/**
 * A workflow input that cannot be read, with a message for the operator who sent it. Workers list
 * it in {@code WorkflowImplementationOptions.setFailWorkflowExceptionTypes}, so it fails the run
 * rather than the workflow task, and {@link InvalidInputFailureConverter} records it as an {@code
 * InvalidInput} application failure.
 */
public final class InvalidInputException extends DataConverterException {
  public InvalidInputException(String message) {
    super(message);
  }
}
