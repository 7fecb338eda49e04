package dev.drrunbooks.starter.doctor;

import dev.drrunbooks.bootstrap.catalog.CatalogException;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.bootstrap.connect.SearchAttributeCheck;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.Connection;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What doctor checks, each answering what exactly is wrong and what to do. */
public final class Checks {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final Connection temporal;
  private final Map<String, String> env;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public Checks(Connection temporal, Map<String, String> env) {
    this.temporal = temporal;
    this.env = env;
  }

  public List<CheckResult> all() {
    return List.of(
        catalog(),
        temporalServer(),
        searchAttributes(),
        payloadEncryption(),
        worker(),
        temporalUi(),
        awsEndpoint(),
        database());
  }

  /**
   * Whether this client encrypts payloads, and with which keys (never a key); a warning when off, a
   * failure naming the variable when misconfigured.
   */
  CheckResult payloadEncryption() {
    try {
      PayloadEncryption e = PayloadEncryption.fromEnvironment(env);
      return e.on()
          ? CheckResult.ok("payload-encryption", e.describe())
          : CheckResult.warn("payload-encryption", e.describe());
    } catch (IllegalArgumentException e) {
      return CheckResult.fail("payload-encryption", e.getMessage());
    }
  }

  CheckResult catalog() {
    try {
      Catalog c = CatalogLoader.load(temporal.catalog());
      return CheckResult.ok(
          "catalog", c.services().size() + " services from " + temporal.catalog());
    } catch (CatalogException e) {
      return CheckResult.fail("catalog", e.getMessage());
    }
  }

  /**
   * What is wrong with the Temporal configuration (a retired variable, a missing profile,
   * unreadable TLS files), or null: then the checks that ask Temporal fail with it instead of
   * asking.
   */
  private String temporalConfigProblem() {
    try {
      temporal.temporal();
      return null;
    } catch (CliFailure e) {
      return e.getMessage();
    }
  }

  CheckResult temporalServer() {
    String problem = temporalConfigProblem();
    if (problem != null) return CheckResult.fail("temporal", problem);
    try {
      GetSystemInfoResponse info =
          temporal
              .stubs()
              .blockingStub()
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      temporal
          .stubs()
          .blockingStub()
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .describeNamespace(
              DescribeNamespaceRequest.newBuilder().setNamespace(temporal.namespace()).build());
      return CheckResult.ok(
          "temporal",
          temporal.address()
              + " namespace "
              + temporal.namespace()
              + " ("
              + temporal.temporal().describeSecurity()
              + (info.getServerVersion().isEmpty() ? "" : "; server " + info.getServerVersion())
              + ")");
    } catch (RuntimeException e) {
      return CheckResult.fail(
          "temporal",
          "cannot reach "
              + temporal.address()
              + " namespace "
              + temporal.namespace()
              + " ("
              + temporal.temporal().describeSecurity()
              + "): "
              + Failures.rootMessage(e)
              + " (is the sandbox up? deploy/local/sandbox status)");
    }
  }

  /** The runs' custom search attributes are registered (without them every run is stuck). */
  CheckResult searchAttributes() {
    String problem = temporalConfigProblem();
    if (problem != null) return CheckResult.fail("search-attributes", problem);
    try {
      List<String> missing = SearchAttributeCheck.missing(temporal.stubs(), temporal.namespace());
      if (missing.isEmpty())
        return CheckResult.ok(
            "search-attributes",
            SearchAttributes.ALL.size() + " registered in " + temporal.namespace());
      return CheckResult.fail(
          "search-attributes",
          "namespace "
              + temporal.namespace()
              + " lacks "
              + String.join(", ", missing)
              + ": runs would fail their last workflow task and retry forever; register them with "
              + SearchAttributeCheck.createCommand(temporal.namespace(), missing));
    } catch (RuntimeException e) {
      return CheckResult.fail(
          "search-attributes", "cannot ask " + temporal.address() + ": " + Failures.rootMessage(e));
    }
  }

  /**
   * A poller counts as a worker when the server saw it poll within this long. The server keeps a
   * poller listed for minutes after it stopped polling (the matching service's poller history, 5
   * minutes by default) with the time of its last poll; a live worker starts a new long poll at
   * least every ~70 s (the server answers an empty long poll after about a minute), so 2 minutes
   * tells a live worker from one that is gone, with room for some clock skew.
   */
  static final Duration POLLER_SEEN_WITHIN = Duration.ofMinutes(2);

  CheckResult worker() {
    return worker(Instant.now());
  }

  CheckResult worker(Instant now) {
    String problem = temporalConfigProblem();
    if (problem != null) return CheckResult.fail("worker", problem);
    String where =
        "task queue " + temporal.taskQueue() + " (namespace " + temporal.namespace() + ")";
    List<PollerInfo> workflowPollers;
    List<PollerInfo> activityPollers;
    try {
      workflowPollers = pollers(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW);
      activityPollers = pollers(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY);
    } catch (RuntimeException e) {
      return CheckResult.fail(
          "worker", "cannot ask Temporal about " + where + ": " + Failures.rootMessage(e));
    }
    List<PollerInfo> liveWorkflow = recent(workflowPollers, now);
    List<PollerInfo> liveActivity = recent(activityPollers, now);
    String start = ": start one with deploy/local/sandbox worker start";
    if (liveWorkflow.isEmpty() && liveActivity.isEmpty()) {
      return CheckResult.fail(
          "worker",
          "no worker polls " + where + start + lastSeen(workflowPollers, activityPollers, now));
    }
    if (liveWorkflow.isEmpty() || liveActivity.isEmpty()) {
      boolean noWorkflow = liveWorkflow.isEmpty();
      return CheckResult.fail(
          "worker",
          "no worker polls "
              + (noWorkflow ? "workflow" : "activity")
              + " tasks on "
              + where
              + " ("
              + identities(noWorkflow ? liveActivity : liveWorkflow)
              + " polls only "
              + (noWorkflow ? "activity" : "workflow")
              + " tasks): runs would wait"
              + start);
    }
    List<PollerInfo> live = Stream.concat(liveWorkflow.stream(), liveActivity.stream()).toList();
    long workers = live.stream().map(PollerInfo::getIdentity).distinct().count();
    return CheckResult.ok("worker", workers + " worker(s) poll " + where + ": " + identities(live));
  }

  private List<PollerInfo> pollers(TaskQueueType type) {
    return temporal
        .stubs()
        .blockingStub()
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace(temporal.namespace())
                .setTaskQueue(TaskQueue.newBuilder().setName(temporal.taskQueue()).build())
                .setTaskQueueType(type)
                .build())
        .getPollersList();
  }

  private static List<PollerInfo> recent(List<PollerInfo> pollers, Instant now) {
    return pollers.stream()
        .filter(p -> !lastAccess(p).isBefore(now.minus(POLLER_SEEN_WITHIN)))
        .toList();
  }

  private static Instant lastAccess(PollerInfo p) {
    return Instant.ofEpochSecond(
        p.getLastAccessTime().getSeconds(), p.getLastAccessTime().getNanos());
  }

  private static String identities(List<PollerInfo> pollers) {
    return pollers.stream()
        .map(PollerInfo::getIdentity)
        .distinct()
        .sorted()
        .collect(Collectors.joining(", "));
  }

  /** Pollers the server still lists but that stopped polling: when the last of them was seen. */
  private static String lastSeen(
      List<PollerInfo> workflowPollers, List<PollerInfo> activityPollers, Instant now) {
    return Stream.concat(workflowPollers.stream(), activityPollers.stream())
        .max(Comparator.comparing(Checks::lastAccess))
        .map(
            p ->
                " (last poll by "
                    + p.getIdentity()
                    + " "
                    + Duration.between(lastAccess(p), now).toSeconds()
                    + " s ago; a worker not seen for "
                    + POLLER_SEEN_WITHIN.toMinutes()
                    + " minutes counts as gone)")
        .orElse("");
  }

  CheckResult temporalUi() {
    String ui = temporal.uiUrl();
    if (ui.isEmpty())
      return CheckResult.warn("temporal-ui", "TEMPORAL_UI_URL not set: no run links");
    return httpAnswers("temporal-ui", ui, true);
  }

  /**
   * The AWS endpoints the environment sets answer: AWS_ENDPOINT_URL for every service and
   * AWS_ENDPOINT_URL_&lt;SERVICE&gt; for one (AWS_ENDPOINT_URL_S3, ...), as the AWS SDKs read them
   * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html); none, or
   * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true: AWS's own endpoints.
   */
  CheckResult awsEndpoint() {
    String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", ""));
    Map<String, String> endpoints = new TreeMap<>();
    env.forEach(
        (name, url) -> {
          if ((name.equals("AWS_ENDPOINT_URL") || name.startsWith("AWS_ENDPOINT_URL_"))
              && url != null
              && !url.isBlank()) endpoints.put(name, url.trim());
        });
    boolean ignored =
        "true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").trim());
    if (endpoints.isEmpty() || ignored) {
      return CheckResult.ok(
          "aws",
          "AWS default endpoints"
              + (ignored && !endpoints.isEmpty() ? " (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)" : "")
              + (region.isEmpty() ? "" : ", region " + region)
              + "; credentials from the default provider chain (used by the worker)");
    }
    List<CheckResult> probes = new ArrayList<>();
    endpoints.forEach(
        (name, url) -> {
          CheckResult r = httpAnswers("aws", url, false);
          probes.add(new CheckResult(r.name(), r.status(), name + ": " + r.detail()));
        });
    String detail = probes.stream().map(CheckResult::detail).collect(Collectors.joining("; "));
    return probes.stream().anyMatch(r -> r.status() == CheckResult.Status.FAIL)
        ? CheckResult.fail("aws", detail)
        : CheckResult.ok("aws", detail);
  }

  CheckResult database() {
    String host = env.get("DR_DB_HOST");
    String port = env.getOrDefault("DR_DB_PORT", "5432");
    String name = env.getOrDefault("DR_DB_NAME", "inventory");
    String user = env.get("DR_DB_USER");
    if (host == null || user == null) {
      return CheckResult.warn(
          "database",
          "not configured (DR_DB_HOST, DR_DB_PORT, DR_DB_NAME, DR_DB_USER, "
              + "DR_DB_PASSWORD): data validation steps will fail");
    }
    String url = "jdbc:postgresql://" + host + ":" + port + "/" + name;
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", env.getOrDefault("DR_DB_PASSWORD", ""));
    props.setProperty("connectTimeout", "5");
    try (java.sql.Connection c = DriverManager.getConnection(url, props);
        ResultSet rs =
            c.createStatement().executeQuery("SELECT current_setting('server_version')")) {
      rs.next();
      return CheckResult.ok(
          "database", url + " as " + user + " (PostgreSQL " + rs.getString(1) + ")");
    } catch (SQLException e) {
      return CheckResult.fail("database", url + " as " + user + ": " + e.getMessage());
    }
  }

  private CheckResult httpAnswers(String name, String url, boolean want200) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      if (want200 && response.statusCode() != 200) {
        return CheckResult.fail(
            name, url + " answered HTTP " + response.statusCode() + ", expected 200");
      }
      return CheckResult.ok(name, url + " answers (HTTP " + response.statusCode() + ")");
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      return CheckResult.fail(
          name,
          "cannot reach "
              + url
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }
}
