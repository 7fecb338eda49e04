package dev.drrunbooks.reporting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A run's page in the Temporal Web UI: {@code UI/namespaces/NS/workflows/ID/RUN/history}, the form
 * the starter prints. The worker reads the UI's address from TEMPORAL_UI_URL, as the starter does
 * (the sandbox's env file sets it).
 *
 * @param uiUrl the UI's base URL without a trailing slash; empty when there is no UI
 */
public record RunLinks(String uiUrl, String namespace) {
  public static final String UI_ENV = "TEMPORAL_UI_URL";

  public RunLinks {
    uiUrl = uiUrl == null ? "" : uiUrl.trim().replaceAll("/+$", "");
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
  }

  public static RunLinks fromEnvironment(Map<String, String> env) {
    return new RunLinks(env.get(UI_ENV), env.get("TEMPORAL_NAMESPACE"));
  }

  /** The link, or null when no UI is configured. */
  public String of(String workflowId, String runId) {
    if (uiUrl.isEmpty() || workflowId == null || runId == null) return null;
    return uiUrl
        + "/namespaces/"
        + enc(namespace)
        + "/workflows/"
        + enc(workflowId)
        + "/"
        + enc(runId)
        + "/history";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
