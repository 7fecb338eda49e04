package dev.drrunbooks.gateway.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.gateway.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-01T07:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };

  @Test
  void aKeyIsTakenOnceWithinItsTtlAndAgainAfter() {
    ReplayGuard g = new ReplayGuard(10, Duration.ofMinutes(10), clock);
    g.firstUse("generic:a");
    Refusal r = assertThrows(Refusal.class, () -> g.firstUse("generic:a"));
    assertEquals(409, r.status());
    assertTrue(r.reason().startsWith("replay:"), r.reason());
    g.firstUse("slack:a"); // another channel's key is another key
    now.set(now.get().plus(Duration.ofMinutes(10)).minusSeconds(1));
    assertThrows(Refusal.class, () -> g.firstUse("generic:a"));
    now.set(now.get().plusSeconds(1));
    g.firstUse("generic:a");
  }

  @Test
  void aFullStoreRefusesNewKeysUntilOldOnesExpire() {
    ReplayGuard g = new ReplayGuard(2, Duration.ofMinutes(10), clock);
    g.firstUse("a");
    now.set(now.get().plusSeconds(60));
    g.firstUse("b");
    Refusal full = assertThrows(Refusal.class, () -> g.firstUse("c"));
    assertEquals(429, full.status());
    assertEquals(2, g.size());
    now.set(Instant.parse("2026-12-01T07:10:00Z")); // "a" expires, "b" does not
    g.firstUse("c");
    assertEquals(2, g.size());
    assertThrows(Refusal.class, () -> g.firstUse("b"));
  }

  @Test
  void capacityMustBePositive() {
    new ReplayGuard(1, Duration.ofMinutes(1), clock).firstUse("only");
    assertThrows(
        IllegalArgumentException.class, () -> new ReplayGuard(0, Duration.ofMinutes(1), clock));
  }
}
