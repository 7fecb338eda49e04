package dev.drrunbooks.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The image Jib wrote (a docker-archive: manifest.json, the config, gzipped layers), read as a
 * container runtime would: its config, and its layers unpacked in order into one root filesystem.
 * Unpacking uses the system's tar, which keeps owners, modes, symlinks and device nodes.
 */
final class ImageTarball {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ImageTarball opened;

  final Path tarball;
  final Path unpacked;
  final JsonNode config;
  final List<Path> layers;
  private Path rootfs;

  private ImageTarball(Path tarball, Path unpacked) throws Exception {
    this.tarball = tarball;
    this.unpacked = unpacked;
    JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
    this.config = JSON.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile());
    this.layers = new ArrayList<>();
    manifest.get("Layers").forEach(l -> layers.add(unpacked.resolve(l.asText())));
  }

  /** The tarball the build made (-Ddr.image.tar), opened once per test run. */
  static synchronized ImageTarball built() throws Exception {
    if (opened != null) return opened;
    String path = System.getProperty("dr.image.tar");
    if (path == null || !Files.isRegularFile(Path.of(path))) {
      throw new IllegalStateException(
          "no image tarball at " + path + ": build it with deploy/image/build (mvn -Pimage)");
    }
    Path tarball = Path.of(path);
    Path unpacked = tarball.resolveSibling("image-unpacked");
    deleteTree(unpacked);
    Files.createDirectories(unpacked);
    run("tar", "-xf", tarball.toString(), "-C", unpacked.toString());
    opened = new ImageTarball(tarball, unpacked);
    return opened;
  }

  /** config.config: what a runtime starts (Entrypoint, Cmd, Env, User, ExposedPorts, ...). */
  JsonNode runConfig() {
    return config.get("config");
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    runConfig()
        .get("Env")
        .forEach(
            e -> {
              String[] kv = e.asText().split("=", 2);
              env.put(kv[0], kv[1]);
            });
    return env;
  }

  List<String> strings(String field) {
    List<String> values = new ArrayList<>();
    JsonNode node = runConfig().get(field);
    if (node != null) node.forEach(v -> values.add(v.asText()));
    return values;
  }

  /** Every layer unpacked, in order, as root with numeric owners: the container's filesystem. */
  synchronized Path rootfs() throws Exception {
    if (rootfs != null) return rootfs;
    Path dir = tarball.resolveSibling("image-rootfs");
    deleteTree(dir);
    Files.createDirectories(dir);
    for (Path layer : layers) {
      run(
          "tar",
          "--warning=no-unknown-keyword",
          "--numeric-owner",
          "-xzf",
          layer.toString(),
          "-C",
          dir.toString());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      // A whiteout (a file a later layer deletes) would need handling; Jib and the base write none.
      List<Path> whiteouts =
          files.filter(p -> p.getFileName().toString().startsWith(".wh.")).toList();
      if (!whiteouts.isEmpty()) throw new IllegalStateException("whiteouts: " + whiteouts);
    }
    rootfs = dir;
    return dir;
  }

  static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  private static void deleteTree(Path dir) throws IOException, InterruptedException {
    // rm, not Files.walk: the tree holds device nodes and symlinks out of it (/usr/bin/java)
    if (Files.exists(dir)) run("rm", "-rf", "--one-file-system", dir.toString());
  }
}
