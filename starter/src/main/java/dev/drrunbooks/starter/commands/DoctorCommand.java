package dev.drrunbooks.starter.commands;

import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.Table;
import dev.drrunbooks.starter.doctor.CheckResult;
import dev.drrunbooks.starter.doctor.Checks;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "doctor")
public final class DoctorCommand extends ConnectedCommand {
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
