package dev.drrunbooks.starter;

import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.approval.ApproverClientInterceptor;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.bootstrap.connect.TemporalClientConfig;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.reporting.RunLinks;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the starter finds Temporal, the worker's task queue, the UI and the catalog; defaults from
 * the environment. Temporal is configured as the Temporal CLI and SDKs configure it ({@link
 * TemporalClientConfig}: TEMPORAL_* variables, profiles of the TOML file), {@code --address} and
 * {@code --namespace} over both.
 */
public final class Connection implements AutoCloseable {
  /**
   * How long a command waits for Temporal to answer a health check before it says it cannot
   * connect.
   */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How long the look for a listener may take before the health check decides instead. */
  private static final Duration PORT_CHECK_TIMEOUT = Duration.ofSeconds(2);

  /** A command line's; null: the environment's or the profile's, else the sandbox's. */
  @Option(names = "--address")
  String address;

  @Option(names = "--namespace")
  String namespace;

  @Option(names = "--task-queue", defaultValue = "${env:DR_TASK_QUEUE:-dr-runbooks}")
  String taskQueue;

  @Option(names = "--ui", defaultValue = "${env:TEMPORAL_UI_URL:-}")
  String uiUrl;

  @Option(names = "--catalog", defaultValue = "${env:DR_CATALOG:-deploy/catalog/mycomputer.yaml}")
  Path catalog;

  private TemporalClientConfig temporal;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;
  private boolean connected;
  private Catalog loaded;

  /**
   * The Temporal configuration, read once per command; a {@link CliFailure} (bad input) naming what
   * is wrong with it.
   */
  public TemporalClientConfig temporal() {
    if (temporal == null) {
      try {
        temporal = TemporalClientConfig.load(System.getenv(), address, namespace);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(ExitCodes.BAD_INPUT, e.getMessage(), e);
      }
    }
    return temporal;
  }

  public WorkflowServiceStubs stubs() {
    if (stubs == null) {
      stubs = temporal().connect();
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
        Optional<IOException> refused = NothingListens.at(address(), PORT_CHECK_TIMEOUT);
        if (refused.isPresent())
          throw new IllegalStateException(
              "nothing listens there (" + refused.get().getMessage() + ")", refused.get());
        stubs().connect(CONNECT_TIMEOUT);
      } catch (RuntimeException e) {
        throw new CliFailure(
            ExitCodes.CANNOT_CONNECT,
            "cannot connect to Temporal at "
                + address()
                + " (namespace "
                + namespace()
                + ", "
                + temporal().describeSecurity()
                + "): "
                + FailureMessage.of(e)
                + " (the local sandbox: deploy/local/sandbox up; another server: TEMPORAL_ADDRESS,"
                + " TEMPORAL_PROFILE or DR_ENV_FILE naming its env file; check with: dr doctor)",
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
      client = WorkflowClient.newInstance(stubs(), DrClientOptions.forNamespace(namespace()));
    }
    return client;
  }

  /**
   * A client whose signals and updates answer gates as {@code approver} ({@link
   * ApproverClientInterceptor}), over the same connection.
   */
  public WorkflowClient clientAs(Approver approver) {
    return WorkflowClient.newInstance(
        connectedStubs(), DrClientOptions.answeringAs(namespace(), approver));
  }

  public String address() {
    return temporal().address();
  }

  public String namespace() {
    return temporal().namespace();
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
    String link = new RunLinks(uiUrl, namespace()).of(workflowId, runId);
    return link != null ? link : "(no Temporal Web UI configured: set TEMPORAL_UI_URL)";
  }

  @Override
  public void close() {
    if (stubs != null) stubs.shutdown();
  }
}
