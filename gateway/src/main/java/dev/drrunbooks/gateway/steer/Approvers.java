package dev.drrunbooks.gateway.steer;

import dev.drrunbooks.gateway.Refusal;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may approve or abort a gate through the gateway: DR_GATEWAY_APPROVERS, a comma-separated list
 * of verified identities ({@code slack:U0123}, {@code generic:chatops-bot}, ...). Unset or empty:
 * nobody may, so a gateway started without it can acknowledge and note but never pass a gate. This
 * is the gateway's own coarse check before the run's; the per-gate, per-service policy belongs to
 * the catalog and the run.
 */
public final class Approvers {
  public static final String ENV = "DR_GATEWAY_APPROVERS";
  private final Set<String> allowed;

  public Approvers(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  public static Approvers fromEnv(Map<String, String> env) {
    String v = env.getOrDefault(ENV, "");
    return new Approvers(
        Arrays.stream(v.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet()));
  }

  /**
   * @param identity the verified identity, e.g. {@code slack:U0123}
   * @throws Refusal 403 when it may not approve or abort
   */
  public void require(String identity) {
    if (!allowed.contains(identity))
      throw Refusal.forbidden(
          "approver: "
              + identity
              + " may not approve or abort gates through the gateway; allowed: the identities in "
              + ENV);
  }
}
