package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.model.Ownership;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.Tag;

/** RDS tag lists to and from maps, and the tags dr-runbooks writes on what it creates. */
public final class RdsTags {
  /** Source instance id (point-in-time restore) or snapshot id (restore from snapshot). */
  public static final String RESTORED_FROM = "dr-runbooks:restored-from";

  /**
   * ISO-8601 instant the restored data is as of: the PITR restore time or the snapshot's creation
   * time.
   */
  public static final String RESTORE_POINT = "dr-runbooks:restore-point";

  /** ARN of the source instance a read replica was created from (RdsStandbyActivities). */
  public static final String REPLICA_OF = ReplicaState.REPLICA_OF_TAG;

  /**
   * The source a read replica was promoted away from, written just before PromoteReadReplica: after
   * the promotion RDS no longer names the source, and a retry must still recognise its own work.
   */
  public static final String PROMOTED_FROM = ReplicaState.PROMOTED_FROM_TAG;

  /** ARN of the snapshot a copy was made from. */
  public static final String COPIED_FROM = "dr-runbooks:copied-from";

  private RdsTags() {}

  public static List<Tag> toTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  public static Map<String, String> toMap(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    if (tags != null) tags.forEach(t -> map.put(t.key(), t.value()));
    return map;
  }

  /** The owner's tags plus {@code extra} key/value pairs. */
  public static Map<String, String> owned(Ownership owner, String... extra) {
    Map<String, String> tags = new LinkedHashMap<>(owner.tags());
    for (int i = 0; i + 1 < extra.length; i += 2) tags.put(extra[i], extra[i + 1]);
    return tags;
  }

  /** For messages: {@code {service=inventory, environment=production}} or {@code (no tags)}. */
  public static String describe(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) return "(no tags)";
    return tags.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  static String instant(Instant t) {
    return t.toString();
  }
}
