package dev.drrunbooks.approval;

/**
 * Who answers a gate, as the channel that carried the answer verified them: the dr CLI's configured
 * operator ({@code operator:alice}, from DR_OPERATOR), the gateway's verified Slack user ({@code
 * slack:U0123ABC}), PagerDuty user ({@code pagerduty:PABC123}) or signed bot ({@code
 * generic:chatops-bot}). It travels in the Temporal header {@link #HEADER} of the update or signal
 * ({@link ApproverClientInterceptor} sets it, {@link ApproverWorkerInterceptor} reads it), never in
 * the answer's payload: the Temporal UI's update dialog and a raw {@code temporal workflow update}
 * send no header, so typing a name there claims no identity. Trust: whoever can write to the
 * namespace can set any header, so production namespaces restrict writers (mTLS and Temporal's
 * authorizer) to the gateway, the workers and the operators' CLI.
 *
 * @param identity {@code channel-kind:id}; null when the answer carried no header
 * @param channel what carried it, e.g. "dr approve", "slack button", "pagerduty", "generic webhook"
 */
public record Approver(String identity, String channel) {
  /** The Temporal header (a JSON payload of this record). */
  public static final String HEADER = "dr-approver";

  /** An answer without the header: the Temporal UI, or a raw signal or update. */
  public static final Approver UNVERIFIED = new Approver(null, "Temporal (no dr-approver header)");

  public boolean verified() {
    return identity != null && !identity.isBlank();
  }

  /** "operator:alice via dr approve", or "unverified (Temporal (no dr-approver header))". */
  public String describe() {
    return verified() ? identity + " via " + channel : "unverified (" + channel + ")";
  }
}
