package dev.drrunbooks.worker;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.cfn.CloudFormationActivitiesImpl;
import dev.drrunbooks.aws.cloudwatch.CloudWatchActivitiesImpl;
import dev.drrunbooks.aws.ecs.EcsActivitiesImpl;
import dev.drrunbooks.aws.ownedresources.OwnedResourceActivitiesImpl;
import dev.drrunbooks.aws.pointer.DatabasePointerActivitiesImpl;
import dev.drrunbooks.aws.rds.AuroraGlobalActivitiesImpl;
import dev.drrunbooks.aws.rds.AuroraGlobalSecondaryActivitiesImpl;
import dev.drrunbooks.aws.rds.ExpectedRestoreDurations;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.aws.rds.RdsAccountActivitiesImpl;
import dev.drrunbooks.aws.rds.RdsBackupActivitiesImpl;
import dev.drrunbooks.aws.rds.RdsLogActivitiesImpl;
import dev.drrunbooks.aws.rds.RdsOldPrimaryActivitiesImpl;
import dev.drrunbooks.aws.rds.RdsRestoreActivitiesImpl;
import dev.drrunbooks.aws.rds.RdsSnapshotActivitiesImpl;
import dev.drrunbooks.aws.rds.RdsStandbyActivitiesImpl;
import dev.drrunbooks.aws.route53.Route53ActivitiesImpl;
import dev.drrunbooks.aws.s3.S3ActivitiesImpl;
import dev.drrunbooks.bootstrap.catalog.CatalogActivitiesImpl;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.http.EndpointMap;
import dev.drrunbooks.http.HttpProbeActivitiesImpl;
import dev.drrunbooks.http.WebhookEscalationActivitiesImpl;
import dev.drrunbooks.http.notify.HttpNotificationActivitiesImpl;
import dev.drrunbooks.ledger.LedgerActivitiesImpl;
import dev.drrunbooks.ledger.LedgerQueryActivitiesImpl;
import dev.drrunbooks.ledger.LedgerRestoreDurations;
import dev.drrunbooks.ledger.LedgerSettings;
import dev.drrunbooks.payload.DrWorkflowOptions;
import dev.drrunbooks.reporting.ReportActivitiesImpl;
import dev.drrunbooks.reporting.RunLinks;
import dev.drrunbooks.reporting.RunReportActivitiesImpl;
import dev.drrunbooks.runbook.WorkflowImplementations;
import dev.drrunbooks.sql.DataValidationActivitiesImpl;
import dev.drrunbooks.sql.DatabaseLocator;
import dev.drrunbooks.sql.replay.ReplayActivitiesImpl;
import dev.drrunbooks.temporal.LockActivitiesImpl;
import dev.drrunbooks.worker.databases.DatabaseAccess;
import dev.drrunbooks.worker.databases.WorkerDatabases;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Everything one worker serves: the one place that lists workflow and activity implementations. */
public final class DrWorker {
  private DrWorker() {}

  /**
   * @param env the worker's environment: DR_SANDBOX_DATABASES=true stands the sandbox's PostgreSQL
   *     in for restored RDS instances (moto has no database engine), which needs the sandbox module
   *     on the class path ({@link WorkerDatabases}: without it this throws IllegalStateException);
   *     otherwise instances are reached at their own endpoints with credentials from Secrets
   *     Manager or the environment; DR_HTTP_ENDPOINT_MAP points health probes of catalog URLs at
   *     stand-ins (sandbox and tests); DR_TEMPLATE_DIR holds the CloudFormation templates
   *     (deploy/aws), DR_REPORT_DIR receives reports; DR_LEDGER_JDBC_URL and a login ({@link
   *     LedgerSettings}) name the evidence ledger, whose schema is migrated on a thread of its own
   *     (a ledger unreachable now is a warning: recoveries never wait for it); a malformed ledger
   *     setting throws IllegalArgumentException naming the variable
   */
  public static void register(
      Worker worker,
      Catalog catalog,
      String catalogSource,
      AwsClients aws,
      Map<String, String> env) {
    // The runbook's table of contents: every procedure and the support workflows they start.
    worker.registerWorkflowImplementationTypes(
        DrWorkflowOptions.get(), WorkflowImplementations.all().toArray(Class<?>[]::new));

    // A service in another account is reached through the catalog's role for it.
    aws.useAccounts(catalog.accounts());
    RunLinks links = RunLinks.fromEnvironment(env);
    ReportActivitiesImpl reports =
        new ReportActivitiesImpl(ReportActivitiesImpl.directoryFrom(env), links);
    DatabaseAccess databases = WorkerDatabases.choose(catalog, aws, env);
    DatabaseLocator locator = databases.locator();
    LedgerActivitiesImpl ledger = LedgerActivitiesImpl.fromEnvironment(env, aws);
    ledger.migrateInBackground();
    LedgerQueryActivitiesImpl ledgerQueries = new LedgerQueryActivitiesImpl(ledger);
    // Restore waits poll densely where the ledger's measured restores say they end.
    ExpectedRestoreDurations restoreDurations =
        new LedgerRestoreDurations(
            ledgerQueries, ExpectedRestoreDurations.CLASS_DEFAULTS, Clock.systemUTC());
    worker.registerActivitiesImplementations(
        new CatalogActivitiesImpl(catalog, catalogSource),
        new RdsBackupActivitiesImpl(aws),
        new S3ActivitiesImpl(aws),
        databases.restore(new RdsRestoreActivitiesImpl(aws, restoreDurations)),
        new RdsSnapshotActivitiesImpl(aws),
        new RdsAccountActivitiesImpl(aws),
        databases.validation(new DataValidationActivitiesImpl(locator)),
        new ReplayActivitiesImpl(locator),
        new RdsLogActivitiesImpl(aws),
        new WebhookEscalationActivitiesImpl(env.get(WebhookEscalationActivitiesImpl.ENV)),
        new HttpNotificationActivitiesImpl(
            HttpNotificationActivitiesImpl.channelsFrom(env), links::of),
        new Route53ActivitiesImpl(aws),
        new DatabasePointerActivitiesImpl(aws),
        databases.standby(new RdsStandbyActivitiesImpl(aws)),
        new RdsOldPrimaryActivitiesImpl(aws),
        new AuroraGlobalActivitiesImpl(aws),
        new AuroraGlobalSecondaryActivitiesImpl(aws),
        new CloudWatchActivitiesImpl(aws),
        new HttpProbeActivitiesImpl(EndpointMap.parse(env.get(EndpointMap.ENV))),
        new EcsActivitiesImpl(aws),
        new CloudFormationActivitiesImpl(
            aws::cloudFormation,
            Path.of(env.getOrDefault("DR_TEMPLATE_DIR", "deploy/aws")),
            Polling.DEFAULT,
            env.get(CloudFormationActivitiesImpl.STACK_ROLE_ENV),
            aws::accountOfCalls),
        new OwnedResourceActivitiesImpl(aws),
        new LockActivitiesImpl(),
        ledger,
        ledgerQueries,
        reports,
        new RunReportActivitiesImpl(
            reports,
            links,
            service ->
                catalog.services().containsKey(service)
                    ? catalog.services().get(service).objectives()
                    : null));
  }

  /** Where runs' notifications go (channel names and hosts, no tokens), for the start-up line. */
  public static String describeNotifications(Map<String, String> env) {
    return new HttpNotificationActivitiesImpl(
            HttpNotificationActivitiesImpl.channelsFrom(env), (workflowId, runId) -> null)
        .describe();
  }

  /** Where runs' evidence is kept (no password), for the start-up line. */
  public static String describeLedger(Map<String, String> env) {
    return LedgerActivitiesImpl.describe(LedgerSettings.fromEnvironment(env));
  }

  /** How restored databases are reached, for the start-up log line. */
  public static String describeDatabases(Map<String, String> env) {
    return WorkerDatabases.describe(env);
  }
}
