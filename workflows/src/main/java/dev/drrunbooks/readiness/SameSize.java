package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.rds.InstanceSize;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Restores comparable with a service's own: the same instance class, and allocated storage within a
 * factor of two (a restore's provisioning time grows with both; AWS publishes no figures, so the
 * band is a judgement: twice the storage is still the same order of restore, ten times is not).
 *
 * @param size the service's newest measured restore's size
 */
record SameSize(InstanceSize size) {
  /** The size of the newest sample that has one; empty when none has. */
  static Optional<SameSize> asNewestOf(List<StepSample> own) {
    return own.stream()
        .filter(s -> s.size() != null)
        .max(Comparator.comparing(StepSample::endedAt))
        .map(s -> new SameSize(s.size()));
  }

  /** Whether {@code sample} restored an instance of this class and comparable storage. */
  boolean matches(StepSample sample) {
    InstanceSize other = sample.size();
    if (other == null || !size.instanceClass().equals(other.instanceClass())) return false;
    Integer a = size.allocatedStorageGib();
    Integer b = other.allocatedStorageGib();
    if (a == null || b == null) return a == null && b == null;
    return b <= 2L * a && a <= 2L * b;
  }

  /** "restores of db.r6g.large, 100 GiB (±2x)", as an estimate's basis. */
  String basis() {
    return "restores of " + size + (size.allocatedStorageGib() == null ? "" : " (within 2x)");
  }
}
