package dev.drrunbooks.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.image.ImageMain.Program;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageMainTest {
  private static final Path ROOT = Path.of(System.getProperty("dr.repo.root", ".."));

  @Test
  void theFirstArgumentPicksTheProgramAndNothingElseDoes() {
    assertEquals(Optional.of(Program.WORKER), Program.named(new String[] {"worker"}));
    assertEquals(
        Optional.of(Program.GATEWAY), Program.named(new String[] {"gateway", "sign", "u", "b"}));
    assertEquals(Optional.empty(), Program.named(new String[0]));
    assertEquals(Optional.empty(), Program.named(new String[] {"starter"}));
    assertEquals(Optional.empty(), Program.named(new String[] {"sign", "gateway"}));
  }

  @Test
  void eachProgramLogsWithItsOwnLogbackConfiguration() throws Exception {
    assertEquals(
        Files.readString(ROOT.resolve("worker/src/main/resources/logback.xml")),
        read(ImageMain.logbackOf(Program.WORKER)));
    assertEquals(
        Files.readString(ROOT.resolve("gateway/src/main/resources/logback.xml")),
        read(ImageMain.logbackOf(Program.GATEWAY)));
    assertTrue(ImageMain.USAGE.contains("worker | gateway"));
  }

  private static String read(URL url) throws Exception {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
