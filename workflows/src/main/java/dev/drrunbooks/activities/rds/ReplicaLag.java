package dev.drrunbooks.activities.rds;

import java.time.Instant;

/**
 * A replica's CloudWatch ReplicaLag (namespace AWS/RDS, dimension DBInstanceIdentifier, unit
 * seconds): the newest datapoint in the window asked for
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html).
 *
 * @param seconds the lag in seconds (the datapoint's Maximum); null when there is no datapoint,
 *     which is never the same as 0: RDS publishes nothing for a replica that is not replicating
 * @param at the datapoint's timestamp; null with no datapoint
 * @param datapoints how many datapoints the window held
 */
public record ReplicaLag(Double seconds, Instant at, int datapoints) {

  /** No datapoint in the window. */
  public static ReplicaLag noData() {
    return new ReplicaLag(null, null, 0);
  }

  public boolean hasData() {
    return seconds != null;
  }
}
