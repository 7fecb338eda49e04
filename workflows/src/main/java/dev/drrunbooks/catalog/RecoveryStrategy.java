package dev.drrunbooks.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How a service's database is recovered in the DR region, and the smallest RPO that way can meet in
 * principle when the primary region is lost.
 */
public enum RecoveryStrategy {
  /**
   * A new instance restored from a snapshot or a point in time (today's procedures). The latest
   * restorable time "is typically within the last 5 minutes"
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html), and backups replicated
   * to another region trail the same way, so an RPO under 5 minutes is not met in principle.
   */
  @JsonProperty("restore")
  RESTORE("restore", Duration.ofMinutes(5)),

  /**
   * A cross-region RDS read replica, promoted. Replication is asynchronous
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html): a region loss
   * loses the replica lag, so any RPO above zero can be met while the lag stays under it, RPO 0
   * never.
   */
  @JsonProperty("replica")
  REPLICA("replica", null),

  /**
   * An Aurora global database's secondary cluster. A switchover with a healthy primary loses
   * nothing, but a failover after a region loss loses what had not replicated, typically seconds
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html):
   * any RPO above zero, never 0.
   */
  @JsonProperty("aurora-global")
  AURORA_GLOBAL("aurora-global", null);

  private final String key;
  private final Duration smallestRpo;

  RecoveryStrategy(String key, Duration smallestRpo) {
    this.key = key;
    this.smallestRpo = smallestRpo;
  }

  /** As written in the catalog: restore, replica, aurora-global. */
  public String key() {
    return key;
  }

  /**
   * The smallest RPO this strategy meets in principle after a region loss; null when any RPO above
   * zero can be met (replication), never 0.
   */
  public Duration smallestRpo() {
    return smallestRpo;
  }

  /** Whether a region loss can in principle be recovered within {@code rpo} (not negative). */
  public boolean canMeetRpo(Duration rpo) {
    return smallestRpo == null ? rpo.compareTo(Duration.ZERO) > 0 : rpo.compareTo(smallestRpo) >= 0;
  }

  /** Why {@link #canMeetRpo} says no, for the catalog's error: the smallest RPO it can meet. */
  public String smallestRpoMet() {
    return smallestRpo == null
        ? "more than 0 (replication is asynchronous)"
        : Durations.format(smallestRpo) + " (the latest restorable time trails by about 5 minutes)";
  }
}
