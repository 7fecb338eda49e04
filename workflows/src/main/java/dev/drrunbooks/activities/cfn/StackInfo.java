package dev.drrunbooks.activities.cfn;

import java.util.List;
import java.util.Map;

/**
 * A stack's status, its outputs, and the events that explain a failure (empty when none failed).
 */
public record StackInfo(
    String stackName,
    String stackId,
    String status,
    Map<String, String> outputs,
    List<String> failedEvents) {}
