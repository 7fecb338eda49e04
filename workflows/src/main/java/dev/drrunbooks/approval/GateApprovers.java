package dev.drrunbooks.approval;

import dev.drrunbooks.catalog.ApprovalSpec;
import dev.drrunbooks.catalog.Priority;
import dev.drrunbooks.catalog.ServiceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may answer one gate of one run, and how many distinct approvers it needs, from the catalog's
 * {@link ApprovalSpec} of each service the gate covers: the gate's own entry where it sets a field,
 * else the service's; without a count, two for a Critical service, else one. A gate covering
 * several services (a region evacuation) needs the largest count, from identities every service
 * with a list allows.
 *
 * <p>A gate with a list of approvers, or needing more than one, takes only verified identities
 * ({@link Approver}): counting "distinct" people by a typed name would let one person count twice.
 *
 * @param allowed the identities that may approve or abort; null: anyone
 * @param distinct how many different identities must approve before the gate proceeds (1 or more);
 *     one allowed abort always closes it
 */
public record GateApprovers(List<String> allowed, int distinct) {
  /** No policy: anyone, once (gates of runs recorded before approval policies). */
  public static final GateApprovers ANYONE = new GateApprovers(null, 1);

  public GateApprovers {
    allowed = allowed == null ? null : List.copyOf(allowed);
  }

  /** The rule for gate {@code step} over {@code services} (at least one). */
  public static GateApprovers forGate(String step, List<ServiceDefinition> services) {
    Set<String> allowed = null;
    int distinct = 1;
    for (ServiceDefinition s : services) {
      ApprovalSpec service = s.approval();
      ApprovalSpec gate = service == null ? null : service.gates().get(step);
      List<String> list =
          gate != null && !gate.approvers().isEmpty()
              ? gate.approvers()
              : service == null ? List.of() : service.approvers();
      Integer count =
          gate != null && gate.distinctApprovers() != null
              ? gate.distinctApprovers()
              : service == null ? null : service.distinctApprovers();
      if (count == null) count = s.spec().priority() == Priority.CRITICAL ? 2 : 1;
      distinct = Math.max(distinct, count);
      if (!list.isEmpty()) {
        if (allowed == null) allowed = new LinkedHashSet<>(list);
        else allowed.retainAll(list);
      }
    }
    return new GateApprovers(allowed == null ? null : new ArrayList<>(allowed), distinct);
  }

  /** Whether an answer must carry a verified identity. */
  public boolean needsVerifiedIdentity() {
    return allowed != null || distinct > 1;
  }

  /** Why {@code approver} may not answer this gate; null when it may. */
  public String refusal(Approver approver) {
    if (!needsVerifiedIdentity()) return null;
    if (!approver.verified()) {
      return "this gate needs "
          + describe()
          + "; an answer from the Temporal UI or a raw signal or update carries no verified"
          + " identity: answer with dr approve (as DR_OPERATOR) or through the gateway";
    }
    if (allowed != null && !allowed.contains(approver.identity())) {
      return approver.identity()
          + " may not answer this gate; allowed: "
          + (allowed.isEmpty()
              ? "nobody (the services' lists share no identity)"
              : String.join(", ", allowed))
          + " (the catalog's approval policy)";
    }
    return null;
  }

  /** "2 distinct approvers from operator:alice, slack:U1", or "1 approver (anyone)". */
  public String describe() {
    String count = distinct + (distinct == 1 ? " approver" : " distinct approvers");
    if (allowed != null) return count + " from " + String.join(", ", allowed);
    return distinct == 1 ? count + " (anyone)" : count + " (any verified identities)";
  }
}
