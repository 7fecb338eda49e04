package dev.drrunbooks.activities.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceSizeTest {
  private static InstanceInfo described(String instanceClass, Integer gib) {
    return new InstanceInfo(
        "x", "eu-west-1", "arn", "available", "h", 5432, Map.of(), instanceClass, gib);
  }

  @Test
  void aWaitDetailEndsWithTheSizeAndReadsBackAsIt() {
    InstanceSize size = InstanceSize.of(described("db.r6g.large", 100)).orElseThrow();
    String detail = "available at h:5432" + size.suffix();

    assertEquals("available at h:5432 on db.r6g.large, 100 GiB", detail);
    assertEquals(Optional.of(new InstanceSize("db.r6g.large", 100)), InstanceSize.in(detail));
    assertEquals("db.r6g.large, 100 GiB", size.toString());
  }

  @Test
  void storageIsOptionalAndAnUndescribedClassHasNoSize() {
    assertEquals(
        Optional.of(new InstanceSize("db.t3.micro", null)),
        InstanceSize.in("available at h:5432 on db.t3.micro"));
    assertEquals(Optional.empty(), InstanceSize.of(described(null, 20)));
    assertEquals(Optional.empty(), InstanceSize.of(null));
    assertEquals(Optional.empty(), InstanceSize.in("available at h:5432"));
    assertEquals(Optional.empty(), InstanceSize.in(null));
    // only at the end: a class named mid-detail is not the restored size
    assertEquals(Optional.empty(), InstanceSize.in("on db.t3.micro, 20 GiB then failed"));
  }
}
