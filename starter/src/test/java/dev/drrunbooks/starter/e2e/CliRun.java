package dev.drrunbooks.starter.e2e;

import dev.drrunbooks.starter.DrCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One invocation of the starter as an operator would type it, with what it printed and its exit
 * code.
 */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun of(String[] connection, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(connection));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DrCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = DrCli.execute(cli, all.toArray(String[]::new));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Printed nothing an operator should not see: no exception names, no stack frames. */
  public boolean noStackTrace() {
    return !(out + err).contains("Exception") && !(out + err).contains("\tat ");
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
