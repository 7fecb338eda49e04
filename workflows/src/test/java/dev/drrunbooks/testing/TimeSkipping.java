package dev.drrunbooks.testing;

import dev.drrunbooks.lock.ResourceLockWorkflowImpl;
import dev.drrunbooks.payload.DrDataConverter;
import dev.drrunbooks.payload.DrWorkflowOptions;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestWorkflowExtension;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The time-skipping test environment as workers run: the search attributes every run sets, the
 * shared data converter and workflow options, and the lock workflow the procedures take.
 */
public final class TimeSkipping {
  private TimeSkipping() {}

  /** Not started: register activities on the injected Worker, then call env.start(). */
  public static TestWorkflowExtension extension(Class<?>... workflowImplementations) {
    Class<?>[] all =
        Stream.concat(
                Arrays.stream(workflowImplementations), Stream.of(ResourceLockWorkflowImpl.class))
            .distinct()
            .toArray(Class<?>[]::new);
    return TestWorkflowExtension.newBuilder()
        // As DrClientOptions in bootstrap (which depends on this module): the workers' data
        // converter.
        .setWorkflowClientOptions(
            WorkflowClientOptions.newBuilder()
                .setNamespace("UnitTest")
                .setDataConverter(DrDataConverter.get())
                .build())
        .registerWorkflowImplementationTypes(DrWorkflowOptions.get(), all)
        .registerSearchAttribute("DrProcedure", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("DrService", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("DrPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .setDoNotStart(true)
        .build();
  }
}
