package dev.drrunbooks.worker;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.bootstrap.catalog.CatalogException;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.bootstrap.connect.SearchAttributeCheck;
import dev.drrunbooks.bootstrap.connect.TemporalServiceFactory;
import dev.drrunbooks.catalog.Catalog;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived worker. On SIGTERM it stops polling, lets running activities finish (up to 30 s),
 * and exits; workflows it was running continue on any other worker.
 */
public final class WorkerMain {
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    WorkerConfig config = WorkerConfig.fromEnvironment();
    Catalog catalog;
    PayloadEncryption encryption;
    try {
      catalog = CatalogLoader.load(config.catalogPath());
      encryption = PayloadEncryption.process();
    } catch (CatalogException e) {
      log.error("{}", e.getMessage());
      System.exit(2);
      return;
    } catch (IllegalArgumentException e) {
      log.error("worker not started: {}", e.getMessage());
      System.exit(2);
      return;
    }
    AwsClients aws = AwsClients.fromEnvironment();
    WorkflowServiceStubs service =
        TemporalServiceFactory.connect(config.temporalAddress(), System.getenv());
    List<String> missing = SearchAttributeCheck.missing(service, config.namespace());
    if (!missing.isEmpty()) {
      log.error(
          "namespace {} lacks the search attributes {}: every run would fail its last workflow task"
              + " and retry forever. Register them first: {}",
          config.namespace(),
          missing,
          SearchAttributeCheck.createCommand(config.namespace(), missing));
      service.shutdown();
      aws.close();
      System.exit(2);
      return;
    }
    WorkerFactory factory = DrWorkerFactory.create(service, config.namespace(), encryption);
    DrWorker.register(
        factory.newWorker(config.taskQueue()),
        catalog,
        config.catalogPath().toString(),
        aws,
        System.getenv());
    factory.start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info(
                      "Shutting down: no new tasks; waiting up to 30 s for running activities");
                  factory.shutdown();
                  factory.awaitTermination(30, TimeUnit.SECONDS);
                  service.shutdown();
                  aws.close();
                  log.info("Worker stopped");
                  stopped.countDown();
                },
                "worker-shutdown"));

    log.info(
        "Worker started: task queue {}, Temporal {} ({}) namespace {}, AWS {}, catalog {} ({}"
            + " services), {}, notifications to {}; {}",
        config.taskQueue(),
        config.temporalAddress(),
        TemporalServiceFactory.describeSecurity(System.getenv()),
        config.namespace(),
        aws.describeEndpoint(),
        config.catalogPath(),
        catalog.services().size(),
        DrWorker.describeDatabases(System.getenv()),
        DrWorker.describeNotifications(System.getenv()),
        encryption.describe());
    stopped.await();
  }
}
