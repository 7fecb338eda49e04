package dev.drrunbooks.activities.rds;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a restore's duration depends on besides AWS's load: the instance class and the allocated
 * storage. A restore wait's timeline detail ends with it ({@code "available at h:5432 on
 * db.r6g.large, 100 GiB"}), so the evidence ledger keeps it beside the measured time and the
 * forecast can compare restores of the same size.
 *
 * @param instanceClass e.g. db.r6g.large
 * @param allocatedStorageGib GiB; null when not described
 */
public record InstanceSize(String instanceClass, Integer allocatedStorageGib) {
  private static final Pattern IN_DETAIL =
      Pattern.compile(" on (db\\.[a-z0-9-]+\\.[a-z0-9]+)(?:, (\\d+) GiB)?$");

  /** The size of {@code info}; empty when its class was not described. */
  public static Optional<InstanceSize> of(InstanceInfo info) {
    if (info == null || info.instanceClass() == null) return Optional.empty();
    return Optional.of(new InstanceSize(info.instanceClass(), info.allocatedStorageGib()));
  }

  /** The size a timeline detail ends with ({@link #suffix}); empty when it names none. */
  public static Optional<InstanceSize> in(String detail) {
    if (detail == null) return Optional.empty();
    Matcher m = IN_DETAIL.matcher(detail);
    if (!m.find()) return Optional.empty();
    return Optional.of(
        new InstanceSize(m.group(1), m.group(2) == null ? null : Integer.valueOf(m.group(2))));
  }

  /** {@code " on db.r6g.large, 100 GiB"}, as a detail ends with it. */
  public String suffix() {
    return " on "
        + instanceClass
        + (allocatedStorageGib == null ? "" : ", " + allocatedStorageGib + " GiB");
  }

  /** "db.r6g.large, 100 GiB", for people. */
  @Override
  public String toString() {
    return suffix().substring(" on ".length());
  }
}
