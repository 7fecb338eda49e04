package dev.drrunbooks.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image runs: its layers unpacked into a folder, its Entrypoint and Cmd started there as its
 * User in a chroot, with its Env, inside new mount and PID namespaces (the program is PID 1, as in
 * a container) but on this machine's network, so the sandbox's Temporal server at 127.0.0.1 is
 * reachable. Needs root (chroot, mount) and the sandbox (-Ddr.sandbox.env); fails without either.
 */
class ImageStartIT {
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration STOP = Duration.ofSeconds(60);
  private static ImageTarball image;
  private static Map<String, String> sandbox;

  @BeforeAll
  static void prepare() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("the start test chroots into the image and mounts /dev and /proc there: run it as root");
    }
    sandbox = readEnvFile(Path.of(System.getProperty("dr.sandbox.env")));
    image = ImageTarball.built();
  }

  @Test
  void theWorkerStartsPollsItsTaskQueueAsTheImageUserAndStopsOnSigterm() throws Exception {
    String queue = "image-start-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env = new HashMap<>(sandboxConnection());
    env.put("DR_TASK_QUEUE", queue);
    try (Container worker = Container.start(image, List.of(), env)) {
      worker.awaitLine(l -> l.contains("Worker started: task queue " + queue), START);
      assertEquals("10001", worker.uidOfProgram(), "the worker's uid");
      assertTrue(pollers(queue) > 0, "no poller on " + queue + " seen by Temporal");
      worker.stop();
      worker.awaitLine(l -> l.contains("Worker stopped"), STOP);
      // 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks ran on SIGTERM
      assertEquals(143, worker.awaitExit(STOP), "exit status after SIGTERM:\n" + worker.output());
    }
  }

  @Test
  void theGatewayArgumentStartsTheGateway() throws Exception {
    Map<String, String> env = new HashMap<>(sandboxConnection());
    // this machine's network, not a pod's: loopback only, on a free port
    env.put("DR_GATEWAY_HOST", "127.0.0.1");
    env.put("DR_GATEWAY_PORT", Integer.toString(freePort()));
    try (Container gateway = Container.start(image, List.of("gateway"), env)) {
      gateway.awaitLine(l -> l.contains("Gateway listening on http://127.0.0.1:"), START);
      assertEquals("10001", gateway.uidOfProgram(), "the gateway's uid");
    }
  }

  /** Only how to reach the sandbox: every file path comes from the image's own defaults. */
  private static Map<String, String> sandboxConnection() throws Exception {
    Map<String, String> env = new HashMap<>();
    for (String key :
        List.of(
            "TEMPORAL_ADDRESS",
            "TEMPORAL_NAMESPACE",
            "AWS_ENDPOINT_URL",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_REGION")) {
      if (!sandbox.containsKey(key)) fail("the sandbox env file lacks " + key);
      env.put(key, sandbox.get(key));
    }
    // the ops server listens on this machine's network too: a free port, not 9464
    env.put("DR_OPS_PORT", Integer.toString(freePort()));
    return env;
  }

  private static int pollers(String queue) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(sandbox.get("TEMPORAL_ADDRESS"))
                .build());
    try {
      return service
          .blockingStub()
          .describeTaskQueue(
              DescribeTaskQueueRequest.newBuilder()
                  .setNamespace(sandbox.get("TEMPORAL_NAMESPACE"))
                  .setTaskQueue(TaskQueue.newBuilder().setName(queue).build())
                  .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                  .build())
          .getPollersCount();
    } finally {
      service.shutdownNow();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Map<String, String> readEnvFile(Path file) throws Exception {
    if (!Files.isRegularFile(file)) {
      fail("no sandbox env file at " + file + ": start the sandbox (deploy/image/build does)");
    }
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq < 1) continue;
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return env;
  }

  /** The image's Entrypoint + Cmd (or the given arguments) running in a chroot of its layers. */
  static final class Container implements AutoCloseable {
    // $1 rootfs, $2 user, $3 working dir, then the command. Mounts made here stay in the new
    // mount namespace (unshare makes it private) and go away with it. The host name is the new
    // UTS namespace's own, which the rootfs's /etc/hosts names, as a runtime's /etc/hosts does:
    // the JVM looks its host name up and must not wait for a DNS server.
    private static final String HOST = "dr-image-test";
    private static final String CHROOT =
        "set -e; r=$1; u=$2; w=$3; shift 3; mkdir -p \"$r/dev\" \"$r/proc\"; hostname "
            + HOST
            + "; mount --rbind /dev \"$r/dev\"; mount -t proc proc \"$r/proc\";"
            + " exec chroot --userspec=\"$u\" \"$r\" /usr/bin/env --chdir=\"$w\" \"$@\"";

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private Container(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    System.out.println("[image] " + line);
                  }
                } catch (Exception e) {
                  lines.add("(reading the output failed: " + e + ")");
                }
              },
              "image-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Container start(ImageTarball image, List<String> args, Map<String, String> overrides)
        throws Exception {
      List<String> command = new ArrayList<>(image.strings("Entrypoint"));
      command.addAll(args.isEmpty() ? image.strings("Cmd") : args);
      Path rootfs = image.rootfs();
      Files.writeString(
          rootfs.resolve("etc/hosts"), "127.0.0.1 localhost " + HOST + "\n::1 localhost\n");
      List<String> argv = new ArrayList<>();
      // --kill-child: should the test stop unshare instead, the program goes too
      argv.addAll(
          List.of(
              "/usr/bin/unshare",
              "--mount",
              "--pid",
              "--uts",
              "--fork",
              "--kill-child=SIGTERM",
              "/bin/sh",
              "-c",
              CHROOT,
              "chroot-image",
              rootfs.toString(),
              image.runConfig().get("User").asText(),
              image.runConfig().get("WorkingDir").asText()));
      argv.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(image.env());
      pb.environment().putAll(overrides);
      return new Container(pb.start());
    }

    void awaitLine(Predicate<String> wanted, Duration within) throws InterruptedException {
      Instant deadline = Instant.now().plus(within);
      while (Instant.now().isBefore(deadline)) {
        if (lines.stream().anyMatch(wanted)) return;
        if (!process.isAlive() && !hasChildren()) break;
        Thread.sleep(200);
      }
      if (lines.stream().anyMatch(wanted)) return;
      fail("the line did not come within " + within + "; output:\n" + output());
    }

    /** The real uid of the program (the java process) as this machine sees it. */
    String uidOfProgram() throws Exception {
      for (String line : Files.readAllLines(Path.of("/proc/" + program().pid() + "/status"))) {
        if (line.startsWith("Uid:")) return line.split("\\s+")[1];
      }
      throw new AssertionError("no Uid in /proc/" + program().pid() + "/status");
    }

    /** SIGTERM to the program itself, as the kubelet sends it to a container's PID 1. */
    void stop() {
      program().destroy();
    }

    /** The program's exit status, which unshare passes on. */
    int awaitExit(Duration within) throws InterruptedException {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("still running " + within + " after SIGTERM; output:\n" + output());
      }
      return process.exitValue();
    }

    private ProcessHandle program() {
      return process
          .descendants()
          .filter(p -> p.info().command().orElse("").endsWith("/java"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no java process; output:\n" + output()));
    }

    private boolean hasChildren() {
      return process.descendants().findAny().isPresent();
    }

    String output() {
      return String.join("\n", lines);
    }

    @Override
    public void close() throws Exception {
      // as stop(), then waited for: the next test's program must not meet this one's
      if (process.isAlive()) {
        process
            .descendants()
            .filter(p -> p.info().command().orElse("").endsWith("/java"))
            .forEach(ProcessHandle::destroy);
        if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      }
    }
  }
}
