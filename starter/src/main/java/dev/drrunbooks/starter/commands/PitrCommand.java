package dev.drrunbooks.starter.commands;

import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.RestoreRegion;
import io.temporal.failure.ApplicationFailure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunStarter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "pitr", description = "Point-in-time restore of a service's database into a new instance that stays up.")
public final class PitrCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Option(names = "--service", description = "Catalog service key, e.g. inventory") String service;
  @Option(names = "--source-instance", description = "Override the catalog's instance") String sourceInstance;
  @Option(names = "--restore-time", description = "ISO-8601 instant, or latest (default)") String restoreTime;
  @Option(names = "--target-instance", description = "Default: derived from the run id") String targetInstance;
  @Option(names = "--incident-time", description = "When the incident began: RTO and RPO are measured from it") String incidentTime;
  @Option(names = "--wait-budget", description = "How long waiting may take (default: the service's RTO)") String waitBudget;
  @Option(names = "--keep-on-failure", description = "Keep the restored instance for forensics if a later step fails") boolean keep;
  @Option(names = "--instance-class", description = "e.g. db.r6g.large (default: as the source)") String instanceClass;
  @Option(names = "--region", description = "primary (default), dr (from automated backups replicated to the "
      + "catalog's DR region), or an AWS region name") String region;
  @Option(names = "--subnet-group", description = "DB subnet group of the restored instance (required with no live "
      + "source: a deleted instance, or --region dr, unless the catalog has database.restore / database.drRestore)")
  String subnetGroup;
  @Option(names = "--security-group-ids", split = ",", description = "VPC security group ids (sg-...), comma-separated")
  List<String> securityGroupIds;
  @Option(names = "--parameter-group", description = "DB parameter group of the restored instance") String parameterGroup;
  @Option(names = "--input", description = "The workflow input as JSON (instead of the flags above)") Path input;
  @Option(names = "--no-wait", description = "Print the run id and link, do not wait for the result") boolean noWait;

  /** A bad --region is a usage error (exit 2), before anything starts. */
  private void checkRegion(String option, String value) {
    try {
      RestoreRegion.check("region", value);
    } catch (ApplicationFailure e) {
      throw new ParameterException(spec.commandLine(), option + ": '" + value + "' is not valid; expected primary,"
          + " dr or an AWS region name such as eu-central-1");
    }
  }

  @Override
  public Integer call() {
    InputFile.requireService(spec, input, service);
    checkRegion("--region", region);
    PointInTimeRestoreInput in = input != null
        ? InputFile.read(spec, input, PointInTimeRestoreInput.class)
        : new PointInTimeRestoreInput(service, sourceInstance, restoreTime, targetInstance, incidentTime, waitBudget,
            keep ? Boolean.TRUE : null, instanceClass, null, subnetGroup, securityGroupIds, parameterGroup, null,
            null, region);
    if (input != null) checkRegion("region (in " + input + ")", in.region());
    try (Connection conn = connection) {
      RunStarter runs = new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr());
      return runs.start(Procedure.PITR, in.service(), in.service(), wf -> wf.run(in), noWait, r -> {
            var out = spec.commandLine().getOut();
            ResultPrinter print = new ResultPrinter(out);
            print.timeline(r.timeline());
            print.validation(r.validation());
            print.objectives(r.objectives());
            print.copySettings(r.copySettings());
            out.printf("%n%s%nRestored instance: %s at %s:%s (restore point %s; window %s to %s)%n", r.summary(),
                r.restoredInstance(), r.endpoint(), r.port(), r.restorePoint(), r.window().earliest(),
                r.window().latest());
            if (r.restoredFrom() != null) out.printf("Restored from: %s, in %s%n", r.restoredFrom(), r.region());
            return 0;
          });
    }
  }
}
