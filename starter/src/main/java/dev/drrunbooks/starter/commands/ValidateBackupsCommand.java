package dev.drrunbooks.starter.commands;

import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.backupvalidation.BackupValidationInput;
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

@Command(name = "validate-backups", description = "The weekly backup test: restore a snapshot, check its data, delete the instance.")
public final class ValidateBackupsCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Option(names = "--service", description = "Catalog service key, e.g. inventory") String service;
  @Option(names = "--pick", description = "newest (default) or random") String pick;
  @Option(names = "--random-within", description = "How far back random may reach (default 7d)") String randomWithin;
  @Option(names = "--wait-budget", description = "How long the restore may take (default: the service's RTO)") String waitBudget;
  @Option(names = "--instance-class", description = "e.g. db.t3.medium") String instanceClass;
  @Option(names = "--input", description = "The workflow input as JSON (instead of the flags above)") Path input;
  @Option(names = "--no-wait", description = "Print the run id and link, do not wait for the result") boolean noWait;

  @Override
  public Integer call() {
    InputFile.requireService(spec, input, service);
    BackupValidationInput in = input != null
        ? InputFile.read(spec, input, BackupValidationInput.class)
        : new BackupValidationInput(service, pick, randomWithin, waitBudget, instanceClass, null);
    try (Connection conn = connection) {
      RunStarter runs = new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr());
      return runs.start(Procedure.BACKUP_VALIDATION, in.service(), in.service(),
          wf -> wf.run(in), noWait, r -> {
            var out = spec.commandLine().getOut();
            ResultPrinter print = new ResultPrinter(out);
            print.timeline(r.timeline());
            print.validation(r.validation());
            print.copySettings(r.copySettings());
            print.cleanup(r.cleanup());
            out.printf("%n%s%n", r.summary());
            return 0;
          });
    }
  }
}
