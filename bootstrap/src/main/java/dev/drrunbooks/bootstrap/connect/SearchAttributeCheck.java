package dev.drrunbooks.bootstrap.connect;

import dev.drrunbooks.model.SearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which of the runs' custom search attributes ({@link SearchAttributes#ALL}) a namespace lacks. A
 * run that sets an unregistered one fails its workflow task and retries forever, so a worker
 * refuses to start without them. Asked through the visibility API the worker and starter already
 * use (a one-row query on each key: an unknown key is an INVALID_ARGUMENT), so it needs no operator
 * permission and works on Temporal Cloud as on a self-hosted server.
 */
public final class SearchAttributeCheck {
  private SearchAttributeCheck() {}

  /**
   * The names of the keys the namespace lacks, in {@link SearchAttributes#ALL}'s order; empty when
   * all are registered.
   *
   * @throws StatusRuntimeException when the server cannot be asked (unreachable, denied)
   */
  public static List<String> missing(WorkflowServiceStubs service, String namespace) {
    List<String> missing = new ArrayList<>();
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      try {
        service
            .blockingStub()
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .listWorkflowExecutions(
                ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setPageSize(1)
                    .setQuery(key.getName() + " = " + sample(key.getValueType()))
                    .build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) throw e;
        missing.add(key.getName());
      }
    }
    return missing;
  }

  /** The command that registers {@code names} in {@code namespace}, for an operator to run. */
  public static String createCommand(String namespace, List<String> names) {
    StringBuilder command = new StringBuilder();
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      if (!names.contains(key.getName())) continue;
      if (command.length() > 0) command.append(" && ");
      command
          .append("temporal operator search-attribute create --namespace ")
          .append(namespace)
          .append(" --name ")
          .append(key.getName())
          .append(" --type ")
          .append(typeName(key.getValueType()));
    }
    return command.toString();
  }

  private static String sample(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_INT -> "0";
      case INDEXED_VALUE_TYPE_BOOL -> "false";
      default -> "'-'";
    };
  }

  private static String typeName(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      default -> "Keyword";
    };
  }
}
