package dev.drrunbooks.starter;

import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.approval.ApproverClientInterceptor;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.bootstrap.connect.TemporalServiceFactory;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.reporting.RunLinks;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the starter finds Temporal, the worker's task queue, the UI and the catalog; defaults from
 * the environment.
 */
public final class Connection implements AutoCloseable {
  /**
   * How long a command waits for Temporal to answer a health check before it says it cannot
   * connect.
   */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Option(names = "--address", defaultValue = "${env:TEMPORAL_ADDRESS:-127.0.0.1:7233}")
  String address;

  @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}")
  String namespace;

  @Option(names = "--task-queue", defaultValue = "${env:DR_TASK_QUEUE:-dr-runbooks}")
  String taskQueue;

  @Option(names = "--ui", defaultValue = "${env:TEMPORAL_UI_URL:-}")
  String uiUrl;

  @Option(names = "--catalog", defaultValue = "${env:DR_CATALOG:-deploy/catalog/mycomputer.yaml}")
  Path catalog;

  private WorkflowServiceStubs stubs;
  private WorkflowClient client;
  private boolean connected;
  private Catalog loaded;

  public WorkflowServiceStubs stubs() {
    if (stubs == null) {
      stubs = TemporalServiceFactory.connect(address, System.getenv());
    }
    return stubs;
  }

  /**
   * The stubs of a server that answered a health check; else a {@link CliFailure} saying it cannot
   * connect. Without the check, every call would retry for a minute before failing.
   */
  public WorkflowServiceStubs connectedStubs() {
    if (!connected) {
      try {
        stubs().connect(CONNECT_TIMEOUT);
      } catch (RuntimeException e) {
        throw new CliFailure(
            ExitCodes.CANNOT_CONNECT,
            "cannot connect to Temporal at "
                + address
                + " (namespace "
                + namespace
                + "): "
                + FailureMessage.of(e)
                + " (the local sandbox: deploy/local/sandbox up; another server: TEMPORAL_ADDRESS"
                + " or DR_ENV_FILE naming its env file; check with: dr doctor)",
            e);
      }
      connected = true;
    }
    return stubs();
  }

  /** A client of a server that answered a health check ({@link #connectedStubs}). */
  public WorkflowClient client() {
    if (client == null) {
      connectedStubs();
      client = WorkflowClient.newInstance(stubs(), DrClientOptions.forNamespace(namespace));
    }
    return client;
  }

  /**
   * A client whose signals and updates answer gates as {@code approver} ({@link
   * ApproverClientInterceptor}), over the same connection.
   */
  public WorkflowClient clientAs(Approver approver) {
    return WorkflowClient.newInstance(
        connectedStubs(), DrClientOptions.answeringAs(namespace, approver));
  }

  public String address() {
    return address;
  }

  public String namespace() {
    return namespace;
  }

  public String taskQueue() {
    return taskQueue;
  }

  public String uiUrl() {
    return uiUrl == null ? "" : uiUrl.replaceAll("/+$", "");
  }

  public Path catalog() {
    return catalog;
  }

  /**
   * The catalog {@link #catalog()} names, read once per command.
   *
   * @throws dev.drrunbooks.bootstrap.catalog.CatalogException when it is missing or invalid
   */
  public Catalog loadCatalog() {
    if (loaded == null) loaded = CatalogLoader.load(catalog);
    return loaded;
  }

  /** The run's page in the Temporal Web UI ({@link RunLinks}), or a note that there is no UI. */
  public String runLink(String workflowId, String runId) {
    String link = new RunLinks(uiUrl, namespace).of(workflowId, runId);
    return link != null ? link : "(no Temporal Web UI configured: set TEMPORAL_UI_URL)";
  }

  @Override
  public void close() {
    if (stubs != null) stubs.shutdown();
  }
}
