package dev.drrunbooks.bootstrap.catalog;

import dev.drrunbooks.bootstrap.catalog.CatalogException.Problem;
import dev.drrunbooks.catalog.ApprovalSpec;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflowImpl;
import dev.drrunbooks.evacuation.RegionEvacuationWorkflowImpl;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the catalog's {@code approverGroups} and of a service's {@code approval} ({@link
 * ApprovalSpec}): every approver an identity as a channel verifies it, or a defined group; a count
 * of distinct approvers a gate can reach with the identities it allows; gate entries only for the
 * procedures' real gates.
 */
final class ApprovalRules {
  /**
   * {@code operator:alice}, {@code slack:U0123ABC}, {@code pagerduty:PABC123}, {@code generic:bot}.
   */
  static final Pattern IDENTITY =
      Pattern.compile("(operator|slack|pagerduty|generic):[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

  private static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** The procedures' gate steps, as runs name them. */
  static final Set<String> GATES =
      Set.of(
          DnsFailoverWorkflowImpl.GATE_STEP,
          RegionEvacuationWorkflowImpl.GATE_STEP,
          CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP,
          CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP);

  private final Map<String, List<String>> groups;
  private final List<Problem> problems = new ArrayList<>();

  private ApprovalRules(Map<String, List<String>> groups) {
    this.groups = groups;
  }

  /** The problems of the catalog's {@code approverGroups}. */
  static List<Problem> groups(Map<String, List<String>> groups) {
    ApprovalRules rules = new ApprovalRules(groups);
    groups.forEach(
        (name, members) -> {
          String at = "approverGroups." + name;
          if (!GROUP_NAME.matcher(name).matches())
            rules.problem(at, "'" + name + "' must be lower-case letters, digits and hyphens");
          if (members == null || members.isEmpty()) {
            rules.problem(at, "a group needs at least one identity");
            return;
          }
          for (int i = 0; i < members.size(); i++)
            rules.identity(at + "[" + i + "]", members.get(i), false);
        });
    return rules.problems;
  }

  /** The problems of a service's {@code approval} at {@code at} (none when it is absent). */
  static List<Problem> service(String at, ApprovalSpec spec, Map<String, List<String>> groups) {
    ApprovalRules rules = new ApprovalRules(groups);
    if (spec != null) {
      rules.approval(at, spec, spec);
      spec.gates()
          .forEach(
              (step, gate) -> {
                String gateAt = at + ".gates." + step;
                if (!GATES.contains(step)) {
                  rules.problem(
                      gateAt,
                      "'"
                          + step
                          + "' is not a gate of any procedure; gates: "
                          + String.join(", ", GATES.stream().sorted().toList()));
                }
                if (gate == null) {
                  rules.problem(gateAt, "required field is missing");
                  return;
                }
                if (!gate.gates().isEmpty())
                  rules.problem(gateAt + ".gates", "a gate's entry cannot have gates of its own");
                rules.approval(gateAt, gate, spec);
              });
    }
    return rules.problems;
  }

  /** One level: the approvers and the count, against the identities in force at that level. */
  private void approval(String at, ApprovalSpec level, ApprovalSpec service) {
    for (int i = 0; i < level.approvers().size(); i++)
      identity(at + ".approvers[" + i + "]", level.approvers().get(i), true);
    List<String> inForce = level.approvers().isEmpty() ? service.approvers() : level.approvers();
    Integer count = level.distinctApprovers();
    if (count == null) return;
    if (count < 1) {
      problem(at + ".distinctApprovers", "must be 1 or more, found " + count);
      return;
    }
    int reachable = expanded(inForce).size();
    if (!inForce.isEmpty() && count > reachable) {
      problem(
          at + ".distinctApprovers",
          count
              + " distinct approvers can never be reached: the approvers allowed name "
              + reachable
              + " identit"
              + (reachable == 1 ? "y" : "ies"));
    }
  }

  private Set<String> expanded(List<String> approvers) {
    Set<String> out = new LinkedHashSet<>();
    for (String a : approvers) {
      List<String> members =
          a != null && a.startsWith(ApprovalSpec.GROUP)
              ? groups.get(a.substring(ApprovalSpec.GROUP.length()))
              : null;
      if (members != null) out.addAll(members);
      else out.add(a);
    }
    return out;
  }

  private void identity(String at, String value, boolean groupAllowed) {
    if (value == null) {
      problem(at, "required field is missing");
      return;
    }
    if (value.startsWith(ApprovalSpec.GROUP)) {
      String name = value.substring(ApprovalSpec.GROUP.length());
      if (!groupAllowed) problem(at, "a group cannot contain another group ('" + value + "')");
      else if (!groups.containsKey(name))
        problem(
            at,
            "group '"
                + name
                + "' is not defined under approverGroups; defined: "
                + (groups.isEmpty()
                    ? "none"
                    : String.join(", ", groups.keySet().stream().sorted().toList())));
      return;
    }
    if (!IDENTITY.matcher(value).matches()) {
      problem(
          at,
          "'"
              + value
              + "' is not an identity; write operator:NAME (the dr CLI's DR_OPERATOR),"
              + " slack:USER_ID, pagerduty:USER_ID or generic:BOT"
              + (groupAllowed ? ", or group:NAME" : ""));
    }
  }

  private void problem(String at, String message) {
    problems.add(new Problem(at, message));
  }
}
