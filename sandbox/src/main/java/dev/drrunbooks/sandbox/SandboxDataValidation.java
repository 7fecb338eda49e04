package dev.drrunbooks.sandbox;

import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.ValidationQuery;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@link DataValidationActivities} for the sandbox: the real checks, after a pause as long as
 * DR_SANDBOX_VALIDATION_SECONDS. The sandbox's tables are tiny, so the checks take milliseconds;
 * the pause makes a data check long enough to kill a worker during it. It does not heartbeat
 * itself, like the real one: the worker heartbeats it.
 */
public final class SandboxDataValidation implements DataValidationActivities {
  public static final String ENV = "DR_SANDBOX_VALIDATION_SECONDS";

  private final DataValidationActivities delegate;
  private final Duration pause;

  public SandboxDataValidation(DataValidationActivities delegate, Duration pause) {
    this.delegate = delegate;
    this.pause = pause;
  }

  /**
   * The real checks, paused by DR_SANDBOX_VALIDATION_SECONDS from {@code env} (zero when unset).
   */
  public static SandboxDataValidation of(
      DataValidationActivities delegate, Map<String, String> env) {
    String seconds = env.getOrDefault(ENV, "0").trim();
    try {
      return new SandboxDataValidation(delegate, Duration.ofSeconds(Long.parseLong(seconds)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          ENV + ": '" + seconds + "' is not a whole number of seconds");
    }
  }

  @Override
  public ValidationReport validate(
      DatabaseTarget target, DatabaseTarget source, List<ValidationQuery> queries) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "sandbox: interrupted before validating (worker shutting down?); " + "a retry validates",
          "Interrupted");
    }
    return delegate.validate(target, source, queries);
  }
}
