package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The trial's empty `dr evidence --format csv`: output without a final newline was never flushed.
 */
class DrCliFlushTest {
  @Command(name = "prints")
  static final class PrintsWithoutNewline implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print("workflowId,procedure");
      return 0;
    }
  }

  @Test
  void whatACommandPrintsWithoutANewlineIsFlushedBeforeTheProcessExits() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new PrintsWithoutNewline());
    cli.setOut(new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8)));

    assertEquals(0, DrCli.execute(cli));

    assertEquals("workflowId,procedure", bytes.toString(StandardCharsets.UTF_8));
  }
}
