package dev.drrunbooks.starter.commands;

import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.Table;
import dev.drrunbooks.starter.doctor.CheckResult;
import dev.drrunbooks.starter.doctor.Checks;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "doctor", description = "Checks the catalog, Temporal, a worker, the UI, the AWS endpoint and the database.")
public final class DoctorCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Connection conn = connection) {
      List<CheckResult> results = new Checks(connection, System.getenv()).all();
      Table table = new Table("CHECK", "STATUS", "DETAIL");
      results.forEach(r -> table.row(r.name(), r.status(), r.detail()));
      spec.commandLine().getOut().print(table.render());
      boolean failed = results.stream().anyMatch(r -> r.status() == CheckResult.Status.FAIL);
      spec.commandLine().getOut().println(failed ? "Some checks FAILED." : "All checks passed.");
      return failed ? 1 : 0;
    }
  }
}
