package dev.drrunbooks.starter.commands;

import picocli.CommandLine.Option;

/**
 * What an ECS recovery redeploys, as {@code dr recover-ecs} and {@code dr incident recover ecs}
 * take it: the region, the task definition and the task count; each left out is the catalog's.
 */
final class EcsTarget {
  @Option(names = "--region")
  String region;

  @Option(names = "--task-definition")
  String taskDefinition;

  @Option(names = "--desired-count")
  Integer desiredCount;
}
