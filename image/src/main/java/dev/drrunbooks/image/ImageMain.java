package dev.drrunbooks.image;

import dev.drrunbooks.gateway.GatewayMain;
import dev.drrunbooks.worker.WorkerMain;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The container image's one entrypoint: its first argument picks the program, the rest are that
 * program's own ({@code worker}, {@code gateway}, {@code gateway sign URL BODY}). One image for
 * both keeps one build, one scan and one tag per release.
 *
 * <p>The image puts every dependency on one classpath instead of a shaded jar per program, so
 * worker's and gateway's {@code logback.xml} both sit on it and logback would take whichever comes
 * first. Each program gets its own, as it does from its own jar.
 */
public final class ImageMain {
  static final String USAGE = "usage: worker | gateway [sign URL BODY]";

  /** The programs the image runs, by the argument that picks them. */
  enum Program {
    WORKER(WorkerMain.class),
    GATEWAY(GatewayMain.class);

    final Class<?> mainClass;

    Program(Class<?> mainClass) {
      this.mainClass = mainClass;
    }

    static Optional<Program> named(String[] args) {
      if (args.length == 0) return Optional.empty();
      return Arrays.stream(values())
          .filter(p -> p.name().toLowerCase().equals(args[0]))
          .findFirst();
    }
  }

  private ImageMain() {}

  public static void main(String[] args) throws Exception {
    Optional<Program> program = Program.named(args);
    if (program.isEmpty()) {
      System.err.println(
          (args.length == 0 ? "no program given" : "unknown program '" + args[0] + "'")
              + "; "
              + USAGE);
      System.exit(2);
      return;
    }
    // Before the first logger exists; an operator's own -Dlogback.configurationFile wins.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", logbackOf(program.get()).toString());
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (program.get()) {
      case WORKER -> WorkerMain.main(rest);
      case GATEWAY -> GatewayMain.main(rest);
    }
  }

  /** The logback.xml of the jar (or classes folder) the program's main class comes from. */
  static URL logbackOf(Program program) throws Exception {
    URL location = program.mainClass.getProtectionDomain().getCodeSource().getLocation();
    if (location.getPath().endsWith(".jar")) {
      return new URL("jar:" + location + "!/logback.xml");
    }
    Path file = folderOf(location).resolve("logback.xml");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(program + " has no logback.xml in " + location);
    }
    return file.toUri().toURL();
  }

  private static Path folderOf(URL location) throws URISyntaxException {
    return Path.of(location.toURI());
  }
}
