package dev.drrunbooks.starter.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code dr list --waiting} finds runs at a gate by their DrPhase: the phases a workflow enters
 * right before it awaits an approval gate must be exactly {@link GatePhases#ALL}. Reads the
 * workflows' source, so a new gate in a new phase fails here rather than hiding from the list.
 */
class GatePhasesTest {
  private static final Path WORKFLOWS = Path.of("../workflows/src/main/java");
  private static final Pattern ENTER = Pattern.compile("phases\\.enter\\(\"([^\"]+)\"\\)");

  @Test
  void thePhasesEnteredBeforeAGateAreTheGatePhases() throws IOException {
    assertTrue(Files.isDirectory(WORKFLOWS), WORKFLOWS.toAbsolutePath().toString());
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(WORKFLOWS)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> gatePhases(read(f), found));
    }
    assertEquals(new TreeSet<>(GatePhases.ALL), found);
  }

  /** Each phase whose stretch of code (up to the next phase) awaits a gate. */
  private static void gatePhases(String source, Set<String> into) {
    Matcher m = ENTER.matcher(source);
    String phase = null;
    int from = 0;
    while (m.find()) {
      if (phase != null && source.substring(from, m.start()).contains("gate.await("))
        into.add(phase);
      phase = m.group(1);
      from = m.end();
    }
    if (phase != null && source.substring(from).contains("gate.await(")) into.add(phase);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
