package dev.drrunbooks.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflowImpl;
import dev.drrunbooks.drill.DrDrillWorkflowImpl;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.RawValue;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw starts as the Temporal UI or a bot makes them, with input that does not fit the workflow: the
 * run FAILS at once with an InvalidInput failure naming the field, the value and what is allowed
 * (not a workflow task retried forever). No activity is registered: nothing can have been created.
 */
class BadRunInputTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(
          PointInTimeRestoreWorkflowImpl.class,
          DnsFailoverWorkflowImpl.class,
          DrDrillWorkflowImpl.class,
          BackupValidationWorkflowImpl.class);

  @BeforeEach
  void start(TestWorkflowEnvironment env) {
    env.start();
  }

  @Test
  void anUnknownFieldIsNamedWithTheAllowedFields(WorkflowClient client, Worker worker) {
    String message =
        failure(client, worker, "PointInTimeRestore", map("service", "inventory", "bogus", 1));
    assertEquals(
        "bogus: unknown field (value 1); allowed fields of PointInTimeRestoreInput:"
            + " dbParameterGroup, dbSubnetGroup, incidentTime, instanceClass, keepOnFailure,"
            + " optionGroup, purpose, region, restoreTime, securityGroupIds, service,"
            + " sourceInstance, targetInstance, validationQueries, waitBudget",
        message);
  }

  @Test
  void aFieldOfAnotherWorkflowIsAnUnknownField(WorkflowClient client, Worker worker) {
    String message = failure(client, worker, "DrDrill", map("service", "inventory"));
    assertEquals(
        "service: unknown field (value \"inventory\"); allowed fields of DrDrillInput: services,"
            + " waitBudget",
        message);
  }

  @Test
  void aWrongTypeNamesTheFieldTheValueAndWhatIsAllowed(WorkflowClient client, Worker worker) {
    String message =
        failure(
            client,
            worker,
            "PointInTimeRestore",
            map("service", "inventory", "keepOnFailure", "yes"));
    assertEquals("keepOnFailure: 'yes' is not valid; allowed: true or false", message);
  }

  @Test
  void aBadEnumValueListsTheValues(WorkflowClient client, Worker worker) {
    String message =
        failure(
            client, worker, "DnsFailover", map("service", "inventory", "direction", "SIDEWAYS"));
    assertEquals("direction: 'SIDEWAYS' is not valid; allowed: one of FAILOVER, FAILBACK", message);
  }

  @Test
  void anArrayWhereTheObjectBelongs(WorkflowClient client, Worker worker) {
    String message = failure(client, worker, "PointInTimeRestore", List.of(1, 2, 3));
    assertTrue(
        message.startsWith(
            "input: [1,2,3] is not valid; allowed: a JSON object with fields dbParameterGroup, "),
        message);
  }

  @Test
  void nullWhereTheObjectBelongs(WorkflowClient client, Worker worker) {
    // The JSON literal null, as the Temporal UI sends it (a Java null would travel as binary/null).
    RawValue jsonNull =
        new RawValue(
            Payload.newBuilder()
                .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8("null"))
                .build());
    String message = failure(client, worker, "BackupValidation", jsonNull);
    assertTrue(
        message.startsWith("input: null is not valid; allowed: a JSON object with fields "),
        message);
  }

  @Test
  void aNestedFieldIsNamedByItsPath(WorkflowClient client, Worker worker) {
    Map<String, Object> query =
        map("name", "rows", "sql", "select 1", "expect", map("atLeast", 1), "extra", true);
    String message =
        failure(
            client,
            worker,
            "PointInTimeRestore",
            map("service", "inventory", "validationQueries", List.of(query)));
    assertTrue(
        message.startsWith(
            "validationQueries[0].extra: unknown field (value true); allowed fields"),
        message);
  }

  /**
   * Starts the workflow type with {@code input} as its raw argument; returns the run's failure
   * message.
   */
  private static String failure(
      WorkflowClient client, Worker worker, String workflowType, Object input) {
    String id = workflowType + "-bad-" + System.nanoTime();
    WorkflowStub run =
        client.newUntypedWorkflowStub(
            workflowType,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    run.start(input);
    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class, () -> run.getResult(10, TimeUnit.SECONDS, Object.class));
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, run.describe().getStatus());
    assertEquals(
        FailureType.INVALID_INPUT.type(),
        Failures.rootType(failed),
        String.valueOf(failed.getCause()));
    return Failures.rootMessage(failed);
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
    return m;
  }
}
