package dev.drrunbooks.activities.rds;

import java.time.Duration;

/**
 * What a restore is expected to take when the ledger has too few measurements: a median by the
 * instance class's size and a wide window around it (0.6 to 1.6 times the median).
 *
 * <p>These are assumptions, not measurements: AWS publishes no restore times. A restore's time
 * depends mostly on the storage and the engine's recovery; the class's size is what the wait can
 * see before the instance is available, and larger classes usually carry larger databases. The
 * window is wide so that a wrong median costs detection lag, never describe calls: {@link
 * RestorePollCadence} keeps within the {@code aws rds wait} count whatever the expectation says.
 */
public final class RestoreDurationDefaults {
  static final Duration SMALL = Duration.ofMinutes(8);
  static final Duration MEDIUM = Duration.ofMinutes(10);
  static final Duration LARGE = Duration.ofMinutes(12);
  static final Duration HUGE = Duration.ofMinutes(15);
  static final double EARLY_FACTOR = 0.6;
  static final double LATE_FACTOR = 1.6;

  private RestoreDurationDefaults() {}

  /**
   * The default for {@code instanceClass} ({@code db.<family>.<size>}, e.g. {@code db.t3.micro}):
   * micro/small 8 min, medium/large 10 min, xlarge/2xlarge 12 min, anything larger 15 min; an
   * unknown or null class 10 min.
   */
  public static RestoreExpectation forClass(String instanceClass) {
    Duration median = median(instanceClass);
    return RestoreExpectation.around(
        median,
        EARLY_FACTOR,
        LATE_FACTOR,
        "default for "
            + (instanceClass == null ? "an unknown class" : instanceClass)
            + " (no evidence)");
  }

  static Duration median(String instanceClass) {
    if (instanceClass == null) return MEDIUM;
    String size = instanceClass.substring(instanceClass.lastIndexOf('.') + 1);
    return switch (size) {
      case "micro", "small" -> SMALL;
      case "medium", "large" -> MEDIUM;
      case "xlarge", "2xlarge" -> LARGE;
      default -> size.endsWith("xlarge") ? HUGE : MEDIUM;
    };
  }
}
