package dev.drrunbooks.starter.iam;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drrunbooks.aws.iam.AwsActionRecorder;
import dev.drrunbooks.aws.iam.IamPolicy;
import dev.drrunbooks.aws.iam.UnexercisedActions;
import dev.drrunbooks.aws.iam.WorkerPolicyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worker's IAM policy is sufficient and minimal for what the suite's tests made production code
 * call: every AWS action recorded by {@link AwsActionRecorder} in this build's test JVMs (each
 * module's {@code target/aws-actions}: activities, sandbox, starter, gateway) is allowed by
 * deploy/aws/iam/worker-policy.json, and every action the policy allows was recorded or is listed,
 * with why, in deploy/aws/iam/unexercised-actions.json.
 *
 * <p>Not a {@code *Test}: starter's pom runs it in its own surefire execution in the {@code verify}
 * phase, after the tests of every module that records (starter comes after activities, sandbox and
 * gateway). Recordings older than this Maven session ({@code dr.build.started}) are left out, so a
 * test removed or an earlier partial run cannot make it pass. Without recordings (no sandbox) it is
 * skipped, saying so; when one of the four modules' recordings is missing (a partial build, {@code
 * -pl}) only the "sufficient" half is checked.
 *
 * <p>Calls made by the dr CLI (dev.drrunbooks.starter) and the gateway (dev.drrunbooks.gateway) run
 * with the operator's or the gateway's credentials, not the worker's, and are left out.
 */
class WorkerPolicyCoverageCheck {
  static final List<String> MODULES = List.of("activities", "sandbox", "starter", "gateway");
  static final Set<String> NOT_THE_WORKER =
      Set.of("dev.drrunbooks.starter.", "dev.drrunbooks.gateway.");

  /**
   * Calls no policy can allow or deny: "No permissions are required to perform this operation"
   * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
   */
  static final Set<String> NEEDS_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

  @Test
  void everyRecordedCallIsAllowedAndEveryAllowedActionWasRecordedOrIsExplained()
      throws IOException {
    Path root = WorkerPolicyFiles.dir().getParent().getParent().getParent();
    Instant since = buildStart();
    Map<String, Set<String>> callers = new TreeMap<>();
    List<String> modulesWithout = new ArrayList<>();
    int files = 0;
    int stale = 0;
    for (String module : MODULES) {
      Path dir = root.resolve(module).resolve(AwsActionRecorder.DIR);
      boolean found = false;
      if (Files.isDirectory(dir)) {
        try (Stream<Path> list = Files.list(dir)) {
          for (Path f : list.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
            if (Files.getLastModifiedTime(f).toInstant().isBefore(since)) {
              stale++;
              continue;
            }
            files++;
            found = true;
            for (String line : Files.readAllLines(f)) {
              String[] parts = line.split("\t");
              if (parts.length != 2) continue;
              if (NOT_THE_WORKER.stream().anyMatch(parts[1]::startsWith)) continue;
              if (NEEDS_NO_PERMISSION.contains(parts[0])) continue;
              callers.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
            }
          }
        }
      }
      if (!found) modulesWithout.add(module);
    }
    assumeTrue(
        !callers.isEmpty(),
        "no AWS calls recorded since "
            + since
            + " ("
            + stale
            + " older recording(s) left out): run with the sandbox (deploy/local/run-tests)");
    System.out.printf(
        "worker policy coverage: %d action(s) recorded in %d file(s) since %s (%d older left"
            + " out)%n",
        callers.size(), files, since, stale);

    IamPolicy policy = IamPolicy.read(WorkerPolicyFiles.workerPolicy());
    List<String> denied = new ArrayList<>();
    callers.forEach(
        (action, by) -> {
          if (!policy.allows(action)) denied.add(action + " (called by " + by + ")");
        });
    assertTrue(
        denied.isEmpty(),
        "the worker made calls its policy does not allow; add each to "
            + WorkerPolicyFiles.workerPolicy()
            + " scoped as tightly as its Service Authorization Reference page allows: "
            + denied);

    if (!modulesWithout.isEmpty()) {
      System.out.println(
          "worker policy coverage: minimality not checked, no recordings from "
              + modulesWithout
              + " in this build (a partial build)");
      return;
    }
    Map<String, String> unexercised = UnexercisedActions.read(WorkerPolicyFiles.unexercised());
    List<String> unused = new ArrayList<>();
    for (String pattern : policy.actionPatterns()) {
      boolean recorded = callers.keySet().stream().anyMatch(a -> IamPolicy.matches(pattern, a));
      if (!recorded && !unexercised.containsKey(pattern)) unused.add(pattern);
    }
    assertTrue(
        unused.isEmpty(),
        "the policy allows actions no test made the worker call and "
            + WorkerPolicyFiles.unexercised()
            + " does not explain: "
            + unused
            + " (remove them, exercise them in a sandbox test, or say why they are needed)");
    List<String> explainedButRecorded =
        unexercised.keySet().stream().filter(callers::containsKey).toList();
    assertTrue(
        explainedButRecorded.isEmpty(),
        "listed as unexercised but recorded; remove them from "
            + WorkerPolicyFiles.unexercised()
            + ": "
            + explainedButRecorded);
  }

  /**
   * This Maven session's start (starter's pom passes it), else the epoch: no recording left out.
   */
  private static Instant buildStart() {
    String started = System.getProperty("dr.build.started", "");
    try {
      return started.isBlank() || started.startsWith("${") ? Instant.EPOCH : Instant.parse(started);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "dr.build.started: '"
              + started
              + "' is not an ISO-8601 instant like 2026-01-02T03:04:05Z",
          e);
    }
  }
}
