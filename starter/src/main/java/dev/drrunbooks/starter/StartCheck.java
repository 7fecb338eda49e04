package dev.drrunbooks.starter;

import dev.drrunbooks.bootstrap.catalog.CatalogException;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.runbook.Procedure;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks a run's input before the starter starts it, with the procedure's own rules ({@link
 * InputRules}, the checks the workflow makes first) against the catalog the starter is given: bad
 * input is one usage error (exit 2) naming the field, the value and what is allowed, before the
 * starter connects, so no run is created. The field is named as the operator gave it: the flag, or
 * the field of the {@code --input} file.
 */
public final class StartCheck {
  /** The start of an {@link dev.drrunbooks.model.Inputs#invalid} message: {@code field: }. */
  private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9.]*)(\\[\\d+])?: ");

  /** Input fields whose flag is not the field's name in kebab case. */
  private static final Map<String, String> FLAGS =
      Map.of(
          "services", "--service",
          "dbSubnetGroup", "--subnet-group",
          "dbParameterGroup", "--parameter-group",
          "copyToDrRegion", "--copy-to-dr",
          "requireApproval", "--no-approval",
          "breakGlass", "--break-glass",
          "breakGlass.who", "--who",
          "breakGlass.reason", "--why");

  private StartCheck() {}

  /**
   * Refuses {@code input} as a usage error when the run would refuse it as InvalidInput.
   *
   * @param inputFile the {@code --input} file it was read from, or null when the flags made it
   */
  public static void check(
      CommandSpec spec,
      Connection connection,
      Procedure<?, ?> procedure,
      Object input,
      Path inputFile) {
    Catalog catalog = catalog(connection);
    try {
      procedure.checkStart(input, Instant.now(), catalog);
    } catch (ApplicationFailure e) {
      if (!FailureType.INVALID_INPUT.type().equals(e.getType())) throw e;
      throw new ParameterException(
          spec.commandLine(), named(spec, e.getOriginalMessage(), inputFile));
    }
  }

  /**
   * The catalog the input is checked against; one that does not exist is bad input (one line), one
   * that is invalid names each problem.
   */
  private static Catalog catalog(Connection connection) {
    try {
      return connection.loadCatalog();
    } catch (CatalogException e) {
      if (e.problems().size() == 1 && e.problems().get(0).path().equals("(file)"))
        throw new CliFailure(
            ExitCodes.BAD_INPUT,
            "cannot check the input: catalog "
                + connection.catalog()
                + " "
                + e.problems().get(0).message()
                + " (give the catalog the worker runs with: --catalog FILE or DR_CATALOG)",
            e);
      throw e;
    }
  }

  /**
   * {@code message} with its leading input field named as the operator gave it: {@code --stages:
   * ...} for a flag, {@code stages (in f.json): ...} for the input file's field.
   */
  static String named(CommandSpec spec, String message, Path inputFile) {
    Matcher m = FIELD.matcher(message);
    if (!m.find()) return message;
    String field = m.group(1) + (m.group(2) == null ? "" : m.group(2));
    String rest = message.substring(m.end() - 2);
    if (inputFile != null) return field + " (in " + inputFile + ")" + rest;
    String flag = FLAGS.getOrDefault(m.group(1), "--" + kebab(m.group(1)));
    return (spec.findOption(flag) != null ? flag : field) + rest;
  }

  /** {@code approvalTimeout} as a flag spells it: {@code approval-timeout}. */
  private static String kebab(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
