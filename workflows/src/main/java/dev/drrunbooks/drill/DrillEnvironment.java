package dev.drrunbooks.drill;

/** Names that deploy/aws/dr-test-environment.yaml gives what it creates, from the stack's DrillId. */
final class DrillEnvironment {
  private DrillEnvironment() {}

  /** The ECS cluster the stack creates: {@code dr-drill-<DrillId>} (its ClusterName output). */
  static String clusterName(String drillId) {
    return "dr-drill-" + drillId;
  }
}
