package dev.drrunbooks.testing;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowExtension;

/** The time-skipping test environment with the search attributes every run sets. */
public final class TimeSkipping {
  private TimeSkipping() {}

  /** Not started: register activities on the injected Worker, then call env.start(). */
  public static TestWorkflowExtension extension(Class<?>... workflowImplementations) {
    return TestWorkflowExtension.newBuilder()
        .registerWorkflowImplementationTypes(workflowImplementations)
        .registerSearchAttribute("DrProcedure", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("DrService", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("DrPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .setDoNotStart(true)
        .build();
  }
}
