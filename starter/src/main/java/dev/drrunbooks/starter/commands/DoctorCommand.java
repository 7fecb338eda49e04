package dev.drrunbooks.starter.commands;

import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.Table;
import dev.drrunbooks.starter.doctor.CheckResult;
import dev.drrunbooks.starter.doctor.Checks;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    description =
        "Checks the catalog, Temporal, a worker polling the task queue (seen within the last 2"
            + " minutes), the UI, the AWS endpoint and the database; exits 1 when a check fails.")
public final class DoctorCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Connection conn = connection) {
      List<CheckResult> results = new Checks(connection, System.getenv()).all();
      List<String> failed =
          results.stream()
              .filter(r -> r.status() == CheckResult.Status.FAIL)
              .map(CheckResult::name)
              .toList();
      if (json.on()) {
        results.forEach(r -> JsonOption.print(spec.commandLine().getOut(), r));
        return failed.isEmpty() ? 0 : 1;
      }
      Table table = new Table("CHECK", "STATUS", "DETAIL");
      results.forEach(r -> table.row(r.name(), r.status(), r.detail()));
      spec.commandLine().getOut().print(table.render());
      spec.commandLine()
          .getOut()
          .println(
              failed.isEmpty()
                  ? "All checks passed."
                  : "Some checks FAILED: " + String.join(", ", failed) + ".");
      return failed.isEmpty() ? 0 : 1;
    }
  }
}
