package dev.drrunbooks.activities.cfn;

import dev.drrunbooks.model.Ownership;
import java.util.Map;

/**
 * create-stack of one of the project's templates (by file name, e.g. dr-test-environment.yaml, from
 * the worker's template directory) with parameters; tagged with the owner.
 */
public record StackRequest(
    String region,
    String stackName,
    String templateName,
    Map<String, String> parameters,
    Ownership owner) {}
