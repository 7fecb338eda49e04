package dev.drrunbooks.runcleanup;

import java.util.Map;

/**
 * One thing a clean-up found, with what it did about it.
 *
 * @param type {@code rds-instance}, {@code rds-snapshot}, {@code cloudformation-stack}, {@code
 *     ecs-cluster}, {@code ecs-service} or {@code dns-change}
 * @param id identifier, stack name, {@code CLUSTER/SERVICE}, or the DNS record name
 * @param region e.g. {@code eu-west-1}; null for a DNS change
 * @param action what was (or would be) done
 * @param detail why, and what the delete call answered ("deleting", "already gone", the refusal)
 * @param tags its tags (empty for a DNS change): the evidence for the decision
 */
public record CleanupFinding(
    String type,
    String id,
    String region,
    CleanupAction action,
    String detail,
    Map<String, String> tags) {
  public CleanupFinding {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
