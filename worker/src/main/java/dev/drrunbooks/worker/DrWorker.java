package dev.drrunbooks.worker;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.rds.RdsBackupActivitiesImpl;
import dev.drrunbooks.aws.s3.S3ActivitiesImpl;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflowImpl;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogActivitiesImpl;
import io.temporal.worker.Worker;

/** Everything one worker serves: the one place that lists workflow and activity implementations. */
public final class DrWorker {
  private DrWorker() {}

  public static void register(Worker worker, Catalog catalog, String catalogSource, AwsClients aws) {
    worker.registerWorkflowImplementationTypes(BackupPolicyWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new CatalogActivitiesImpl(catalog, catalogSource),
        new RdsBackupActivitiesImpl(aws),
        new S3ActivitiesImpl(aws));
  }
}
