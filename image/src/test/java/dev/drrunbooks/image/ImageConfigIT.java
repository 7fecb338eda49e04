package dev.drrunbooks.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the image promises a runtime, read from the tarball the build made: how it starts, as whom,
 * on which ports, with which defaults, and that the files those defaults name are in its layers.
 */
class ImageConfigIT {
  private static final Path ROOT = Path.of(System.getProperty("dr.repo.root"));
  private static ImageTarball image;

  @BeforeAll
  static void open() throws Exception {
    image = ImageTarball.built();
  }

  @Test
  void startsTheDispatcherWithContainerSizedHeapAndTheWorkerByDefault() {
    List<String> entrypoint = image.strings("Entrypoint");
    assertEquals("java", entrypoint.get(0), "Entrypoint " + entrypoint);
    assertEquals(ImageMain.class.getName(), entrypoint.get(entrypoint.size() - 1));
    assertTrue(entrypoint.contains("-XX:MaxRAMPercentage=75.0"), "Entrypoint " + entrypoint);
    assertTrue(entrypoint.contains("-XX:+ExitOnOutOfMemoryError"), "Entrypoint " + entrypoint);
    assertTrue(
        entrypoint.stream().noneMatch(f -> f.startsWith("-Xmx")),
        "a fixed -Xmx ignores the container's limit: " + entrypoint);
    assertEquals(List.of("worker"), image.strings("Cmd"));
  }

  @Test
  void runsAsANumericUserThatIsNotRoot() {
    String user = image.runConfig().get("User").asText();
    String[] uidGid = user.split(":");
    assertEquals(2, uidGid.length, "User " + user + " should be uid:gid");
    // numeric: Kubernetes' runAsNonRoot can only check a numeric user
    int uid = Integer.parseInt(uidGid[0]);
    int gid = Integer.parseInt(uidGid[1]);
    assertNotEquals(0, uid, "User " + user);
    assertNotEquals(0, gid, "User " + user);
    assertEquals(ImageContract.USER, user, "deploy/k8s's runAsUser and runAsGroup name this user");
  }

  @Test
  void exposesTheOpsPortAndTheGatewayPortItsEnvironmentNames() {
    Set<String> ports = new java.util.TreeSet<>();
    image.runConfig().get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    assertEquals(
        Set.of(ImageContract.OPS_PORT + "/tcp", ImageContract.GATEWAY_PORT + "/tcp"), ports);
    Map<String, String> env = image.env();
    assertTrue(ports.contains(env.get("DR_OPS_PORT") + "/tcp"), "DR_OPS_PORT " + env);
    assertTrue(ports.contains(env.get("DR_GATEWAY_PORT") + "/tcp"), "DR_GATEWAY_PORT " + env);
    assertEquals("0.0.0.0", env.get("DR_GATEWAY_HOST"), "loopback is unreachable from outside");
  }

  @Test
  void setsAbsoluteDefaultsForTheFilesTheWorkerReads() {
    Map<String, String> env = image.env();
    assertEquals("/opt/dr/catalog/mycomputer.yaml", env.get("DR_CATALOG"));
    assertEquals("/opt/dr/templates", env.get("DR_TEMPLATE_DIR"));
    assertEquals(ImageContract.REPORT_DIR, env.get("DR_REPORT_DIR"));
    assertEquals("/opt/dr", image.runConfig().get("WorkingDir").asText());
    assertTrue(env.get("PATH").contains("/usr/bin"), "PATH " + env.get("PATH"));
  }

  @Test
  void holdsTheCatalogTheTemplatesAWritableReportFolderAndAJava17() throws Exception {
    Path rootfs = image.rootfs();
    Map<String, String> env = image.env();
    assertArrayEquals(
        Files.readAllBytes(ROOT.resolve("deploy/catalog/mycomputer.yaml")),
        Files.readAllBytes(inside(rootfs, env.get("DR_CATALOG"))),
        "the image's catalog is the repository's");
    // The CloudFormation templates, and only they: deploy/aws/iam's policies stay out.
    List<String> templates = new ArrayList<>();
    try (var files = Files.list(ROOT.resolve("deploy/aws"))) {
      files
          .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".yaml"))
          .forEach(f -> templates.add(f.getFileName().toString()));
    }
    assertTrue(!templates.isEmpty());
    List<String> inImage = new ArrayList<>();
    try (var files = Files.list(inside(rootfs, env.get("DR_TEMPLATE_DIR")))) {
      files.forEach(f -> inImage.add(f.getFileName().toString()));
    }
    assertEquals(new java.util.TreeSet<>(templates), new java.util.TreeSet<>(inImage));
    for (String t : templates) {
      assertArrayEquals(
          Files.readAllBytes(ROOT.resolve("deploy/aws").resolve(t)),
          Files.readAllBytes(inside(rootfs, env.get("DR_TEMPLATE_DIR")).resolve(t)),
          t);
    }
    Path reports = inside(rootfs, env.get("DR_REPORT_DIR"));
    assertTrue(
        Files.getPosixFilePermissions(reports, LinkOption.NOFOLLOW_LINKS)
            .contains(PosixFilePermission.OTHERS_WRITE),
        "the image's user (not the folder's owner, root) must write reports into " + reports);
    // the entrypoint's "java", found on the image's PATH as the runtime would, is a Java 17
    Path java = onPath(rootfs, env.get("PATH"), "java");
    String release = Files.readString(java.getParent().resolveSibling("release"));
    assertTrue(release.contains("JAVA_VERSION=\"17."), java + ": " + release);
  }

  /** Jib's class path in the image: /app/resources, /app/classes, /app/libs/*. */
  @Test
  void holdsNoSandboxOnlyCodeTestServerOrJUnit4() throws Exception {
    Path app = image.rootfs().resolve("app");
    List<Path> classPath =
        new ArrayList<>(List.of(app.resolve("resources"), app.resolve("classes")));
    try (var libs = Files.list(app.resolve("libs"))) {
      libs.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(classPath::add);
    }
    assertTrue(
        classPath.stream().anyMatch(p -> p.getFileName().toString().startsWith("worker-")),
        "the worker's jar is in /app/libs: " + classPath);
    Set<String> found = new java.util.TreeSet<>();
    for (Path entry : classPath) found.addAll(SandboxOnlyCode.in(entry));
    assertEquals(Set.of(), found, "sandbox-only or test code in the image");
  }

  private static Path onPath(Path rootfs, String path, String program) throws Exception {
    for (String dir : path.split(":")) {
      Path candidate = resolveInside(rootfs, dir + "/" + program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
    }
    throw new AssertionError(program + " is not on the image's PATH " + path);
  }

  private static Path inside(Path rootfs, String absolute) {
    return rootfs.resolve(absolute.substring(1));
  }

  /** Follows symlinks as the container sees them: absolute targets point into the rootfs. */
  private static Path resolveInside(Path rootfs, String absolute) throws Exception {
    Path p = inside(rootfs, absolute);
    for (int hops = 0; Files.isSymbolicLink(p) && hops < 10; hops++) {
      Path target = Files.readSymbolicLink(p);
      p = target.isAbsolute() ? inside(rootfs, target.toString()) : p.resolveSibling(target);
    }
    return p;
  }
}
