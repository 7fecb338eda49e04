package dev.drrunbooks.starter;

import dev.drrunbooks.approval.Approver;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who the operator running {@code dr} is, for the gates' approval policy: {@code operator:NAME}
 * with NAME from DR_OPERATOR (set it per person, e.g. in their shell profile or the env file), else
 * the login name. The catalog's {@code approvers} list these identities ({@code operator:alice}).
 */
public final class OperatorIdentity {
  public static final String ENV = "DR_OPERATOR";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

  private OperatorIdentity() {}

  /**
   * @param channel what carries the answer, e.g. "dr approve"
   * @throws CliFailure (bad input) when DR_OPERATOR is not a plain name
   */
  public static Approver of(Map<String, String> env, String loginName, String channel) {
    String configured = env.get(ENV);
    boolean fromEnv = configured != null && !configured.isBlank();
    String name = fromEnv ? configured.trim() : loginName;
    if (name == null || !NAME.matcher(name).matches()) {
      throw new CliFailure(
          ExitCodes.BAD_INPUT,
          (fromEnv ? ENV + ": '" + name + "'" : "the login name '" + name + "'")
              + " is not a usable operator name; allowed: letters, digits and . _ @ - (at most"
              + " 100), e.g. "
              + ENV
              + "=alice");
    }
    return new Approver("operator:" + name, channel);
  }

  /** From this process's environment and login name. */
  public static Approver current(String channel) {
    return of(System.getenv(), System.getProperty("user.name"), channel);
  }
}
