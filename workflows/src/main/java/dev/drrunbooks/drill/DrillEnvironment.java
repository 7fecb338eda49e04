package dev.drrunbooks.drill;

/**
 * Names that deploy/aws/dr-test-environment.yaml gives what it creates, from the stack's DrillId.
 */
public final class DrillEnvironment {
  /**
   * The procedure tag of what a drill creates: its stack's cluster is found by {@link
   * #clusterName}.
   */
  public static final String PROCEDURE = "dr-drill";

  private DrillEnvironment() {}

  /** The ECS cluster the stack creates: {@code dr-drill-<DrillId>} (its ClusterName output). */
  public static String clusterName(String drillId) {
    return "dr-drill-" + drillId;
  }
}
