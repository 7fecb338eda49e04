package dev.drrunbooks.gateway;

/**
 * A request the gateway will not carry out, with the HTTP status it answers and a reason a caller
 * can act on (which field, which value, what is allowed). Thrown before anything is changed; the
 * server turns it into {@code {"error": <status text>, "reason": ...}}, never a stack trace.
 */
public final class Refusal extends RuntimeException {
  private final int status;

  public Refusal(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  /** 400: the request is malformed (a missing or invalid field). */
  public static Refusal badRequest(String reason) {
    return new Refusal(400, reason);
  }

  /** 401: the request is not verified (signature, secret, timestamp). */
  public static Refusal unverified(String reason) {
    return new Refusal(401, reason);
  }

  /** 403: verified, but this identity may not do this. */
  public static Refusal forbidden(String reason) {
    return new Refusal(403, reason);
  }

  /** 404: no such run. */
  public static Refusal unknownRun(String workflowId) {
    return new Refusal(404, "run: no run with id '" + workflowId + "'");
  }

  /** 409: a replay, or the run refused the change (its validator's reason). */
  public static Refusal conflict(String reason) {
    return new Refusal(409, reason);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return getMessage();
  }
}
