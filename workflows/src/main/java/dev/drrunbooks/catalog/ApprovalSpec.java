package dev.drrunbooks.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who may answer a service's approval gates, and how many distinct approvers a gate needs, as the
 * catalog writes it under a service's {@code approval}.
 *
 * @param approvers identities as their channel verifies them ({@code slack:U0123ABC}, {@code
 *     pagerduty:PABC123}, {@code generic:chatops-bot}, {@code operator:alice} for the dr CLI's
 *     DR_OPERATOR) or {@code group:NAME} for one of the catalog's {@code approverGroups}; empty:
 *     anyone may answer
 * @param distinctApprovers how many different identities must approve before a gate proceeds; null:
 *     two for a Critical service, else one
 * @param gates the same per gate step ({@code switch-traffic}, {@code evacuate}, {@code
 *     confirm-restore-point}, {@code apply-replay}), overriding the service's fields it sets
 */
public record ApprovalSpec(
    List<String> approvers, Integer distinctApprovers, Map<String, ApprovalSpec> gates) {

  /** The prefix of a group reference in {@link #approvers}. */
  public static final String GROUP = "group:";

  public ApprovalSpec {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    gates = gates == null ? Map.of() : Map.copyOf(new TreeMap<>(gates));
  }

  /**
   * This spec with every {@code group:NAME} replaced by the group's identities (in order, each
   * once), at the service and at each gate; an unknown group stays as written (the catalog
   * validator reports it).
   */
  public ApprovalSpec expand(Map<String, List<String>> groups) {
    Map<String, ApprovalSpec> expandedGates = new TreeMap<>();
    gates.forEach((step, spec) -> expandedGates.put(step, spec.expand(groups)));
    return new ApprovalSpec(expandIdentities(groups), distinctApprovers, expandedGates);
  }

  private List<String> expandIdentities(Map<String, List<String>> groups) {
    Set<String> out = new LinkedHashSet<>();
    for (String a : approvers) {
      List<String> members = a.startsWith(GROUP) ? groups.get(a.substring(GROUP.length())) : null;
      if (members == null) out.add(a);
      else out.addAll(members);
    }
    return List.copyOf(out);
  }
}
