package dev.drrunbooks.starter;

import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A run id as an operator types it: in full, or by a prefix only one run's id starts with ({@code
 * dr status pitr-inventory-2026} when there is one such run). A full id wins even when it is also
 * the prefix of others. Ambiguous: a usage error (exit 2) listing the candidates; none: not found
 * (exit 4).
 */
public final class RunIdResolver {
  /** How many candidates an ambiguous prefix lists. */
  static final int MAX_CANDIDATES = 10;

  private final Predicate<String> exists;
  private final Function<String, List<String>> idsStartingWith;

  /**
   * @param exists whether a run has exactly this workflow id
   * @param idsStartingWith distinct workflow ids starting with the prefix, at most {@link
   *     #MAX_CANDIDATES} + 1
   */
  RunIdResolver(Predicate<String> exists, Function<String, List<String>> idsStartingWith) {
    this.exists = exists;
    this.idsStartingWith = idsStartingWith;
  }

  /**
   * Resolves against the server: a describe for the full id, then a visibility query ({@code
   * WorkflowId STARTS_WITH "..."}) for a prefix.
   */
  public static String resolve(WorkflowClient client, String given) {
    return new RunIdResolver(id -> exists(client, id), prefix -> startingWith(client, prefix))
        .resolve(given);
  }

  /** The one workflow id {@code given} names; a {@link CliFailure} when none or several. */
  public String resolve(String given) {
    if (given == null || given.isBlank())
      throw new CliFailure(ExitCodes.BAD_INPUT, "run id: empty; give a run id or its prefix");
    String id = given.strip();
    if (exists.test(id)) return id;
    // A quote or backslash cannot be part of a prefix query's string literal.
    List<String> candidates =
        id.contains("\"") || id.contains("\\") ? List.of() : idsStartingWith.apply(id);
    if (candidates.size() == 1) return candidates.get(0);
    if (candidates.isEmpty()) {
      throw new CliFailure(
          ExitCodes.NOT_FOUND,
          "no run with id " + id + " (nor one whose id starts with it; dr list shows recent runs)");
    }
    List<String> shown = candidates.stream().limit(MAX_CANDIDATES).toList();
    throw new CliFailure(
        ExitCodes.BAD_INPUT,
        "run id: '"
            + id
            + "' is the start of several runs' ids; give more of it: "
            + String.join(", ", shown)
            + (candidates.size() > MAX_CANDIDATES ? ", ..." : ""));
  }

  private static boolean exists(WorkflowClient client, String id) {
    try {
      client.newUntypedWorkflowStub(id, Optional.empty(), Optional.empty()).describe();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      if (OneLineErrors.hasStatus(e, Status.Code.NOT_FOUND)) return false;
      throw e;
    }
  }

  private static List<String> startingWith(WorkflowClient client, String prefix) {
    return client
        .listExecutions("WorkflowId STARTS_WITH \"" + prefix + "\"")
        .map(run -> run.getExecution().getWorkflowId())
        .distinct()
        .limit(MAX_CANDIDATES + 1)
        .sorted()
        .toList();
  }
}
