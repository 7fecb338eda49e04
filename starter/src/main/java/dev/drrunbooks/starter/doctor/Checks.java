package dev.drrunbooks.starter.doctor;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogException;
import dev.drrunbooks.catalog.CatalogLoader;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.starter.Connection;
import io.temporal.api.enums.v1.TaskQueueType;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

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
    return List.of(catalog(), temporalServer(), worker(), temporalUi(), awsEndpoint(), database());
  }

  CheckResult catalog() {
    try {
      Catalog c = CatalogLoader.load(temporal.catalog());
      return CheckResult.ok("catalog", c.services().size() + " services from " + temporal.catalog());
    } catch (CatalogException e) {
      return CheckResult.fail("catalog", e.getMessage());
    }
  }

  CheckResult temporalServer() {
    try {
      GetSystemInfoResponse info = temporal.stubs().blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      temporal.stubs().blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(temporal.namespace()).build());
      return CheckResult.ok("temporal", temporal.address() + " namespace " + temporal.namespace()
          + (info.getServerVersion().isEmpty() ? "" : " (server " + info.getServerVersion() + ")"));
    } catch (RuntimeException e) {
      return CheckResult.fail("temporal", "cannot reach " + temporal.address() + " namespace " + temporal.namespace()
          + ": " + Failures.rootMessage(e) + " (is the sandbox up? deploy/local/sandbox status)");
    }
  }

  CheckResult worker() {
    try {
      int pollers = temporal.stubs().blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
          .describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
              .setNamespace(temporal.namespace())
              .setTaskQueue(TaskQueue.newBuilder().setName(temporal.taskQueue()).build())
              .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
              .build())
          .getPollersCount();
      return pollers > 0
          ? CheckResult.ok("worker", pollers + " poller(s) on task queue " + temporal.taskQueue())
          : CheckResult.warn("worker", "no worker polls task queue " + temporal.taskQueue()
              + ": runs will wait until one starts (deploy/local/sandbox worker start)");
    } catch (RuntimeException e) {
      return CheckResult.fail("worker", "cannot ask Temporal about task queue " + temporal.taskQueue() + ": "
          + Failures.rootMessage(e));
    }
  }

  CheckResult temporalUi() {
    String ui = temporal.uiUrl();
    if (ui.isEmpty()) return CheckResult.warn("temporal-ui", "TEMPORAL_UI_URL not set: no run links");
    return httpAnswers("temporal-ui", ui, true);
  }

  CheckResult awsEndpoint() {
    String endpoint = env.getOrDefault("AWS_ENDPOINT_URL", "");
    String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", ""));
    if (endpoint.isBlank()) {
      return CheckResult.ok("aws", "AWS default endpoints" + (region.isEmpty() ? "" : ", region " + region)
          + "; credentials from the default provider chain (used by the worker)");
    }
    return httpAnswers("aws", endpoint, false);
  }

  CheckResult database() {
    String host = env.get("DR_DB_HOST");
    String port = env.getOrDefault("DR_DB_PORT", "5432");
    String name = env.getOrDefault("DR_DB_NAME", "inventory");
    String user = env.get("DR_DB_USER");
    if (host == null || user == null) {
      return CheckResult.warn("database", "not configured (DR_DB_HOST, DR_DB_PORT, DR_DB_NAME, DR_DB_USER, "
          + "DR_DB_PASSWORD): data validation steps will fail");
    }
    String url = "jdbc:postgresql://" + host + ":" + port + "/" + name;
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", env.getOrDefault("DR_DB_PASSWORD", ""));
    props.setProperty("connectTimeout", "5");
    try (java.sql.Connection c = DriverManager.getConnection(url, props);
         ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('server_version')")) {
      rs.next();
      return CheckResult.ok("database", url + " as " + user + " (PostgreSQL " + rs.getString(1) + ")");
    } catch (SQLException e) {
      return CheckResult.fail("database", url + " as " + user + ": " + e.getMessage());
    }
  }

  private CheckResult httpAnswers(String name, String url, boolean want200) {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      if (want200 && response.statusCode() != 200) {
        return CheckResult.fail(name, url + " answered HTTP " + response.statusCode() + ", expected 200");
      }
      return CheckResult.ok(name, url + " answers (HTTP " + response.statusCode() + ")");
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      return CheckResult.fail(name, "cannot reach " + url + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }
}
