package dev.drrunbooks.starter.commands;

import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreInput;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunStarter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "restore-snapshot", description = "Restore a service's database from a snapshot, optionally copied to the DR region first.")
public final class RestoreSnapshotCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Option(names = "--service", description = "Catalog service key, e.g. inventory") String service;
  @Option(names = "--snapshot", description = "Snapshot id or ARN, or latest (default: the newest available)") String snapshot;
  @Option(names = "--copy-to-dr", description = "Copy the snapshot to the DR region and restore there") boolean copyToDr;
  @Option(names = "--kms-key-id", description = "The DR region's KMS key, for an encrypted snapshot") String kmsKeyId;
  @Option(names = "--target-instance", description = "Default: derived from the run id") String targetInstance;
  @Option(names = "--incident-time", description = "When the incident began: RTO and RPO are measured from it") String incidentTime;
  @Option(names = "--wait-budget", description = "How long waiting may take (default: the service's RTO)") String waitBudget;
  @Option(names = "--keep-on-failure", description = "Keep what the run created for forensics if a step fails") boolean keep;
  @Option(names = "--instance-class", description = "e.g. db.r6g.large") String instanceClass;
  @Option(names = "--allow-other-source", description = "Restore a named snapshot of another DB instance than the service's") boolean allowOtherSource;
  @Option(names = "--input", description = "The workflow input as JSON (instead of the flags above)") Path input;
  @Option(names = "--no-wait", description = "Print the run id and link, do not wait for the result") boolean noWait;

  @Override
  public Integer call() {
    InputFile.requireService(spec, input, service);
    SnapshotRestoreInput in = input != null
        ? InputFile.read(spec, input, SnapshotRestoreInput.class)
        : new SnapshotRestoreInput(service, snapshot, copyToDr ? Boolean.TRUE : null, kmsKeyId, targetInstance,
            incidentTime, waitBudget, keep ? Boolean.TRUE : null, instanceClass, null, null, null,
            allowOtherSource ? Boolean.TRUE : null);
    try (Connection conn = connection) {
      RunStarter runs = new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr());
      return runs.start(Procedure.SNAPSHOT_RESTORE, in.service(), in.service(),
          wf -> wf.run(in), noWait, r -> {
            var out = spec.commandLine().getOut();
            ResultPrinter print = new ResultPrinter(out);
            print.timeline(r.timeline());
            print.validation(r.validation());
            print.objectives(r.objectives());
            print.copySettings(r.copySettings());
            out.printf("%n%s%nRestored instance: %s in %s at %s:%s%n", r.summary(), r.restoredInstance(), r.region(),
                r.endpoint(), r.port());
            return 0;
          });
    }
  }
}
