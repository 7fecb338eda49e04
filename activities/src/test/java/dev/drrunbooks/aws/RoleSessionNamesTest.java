package dev.drrunbooks.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoleSessionNamesTest {
  @Test
  void aRunIdIsItsOwnSessionName() {
    assertEquals(
        "pitr-inventory-20261127T133005Z-k3f9",
        RoleSessionNames.of("pitr-inventory-20261127T133005Z-k3f9"));
  }

  @Test
  void charactersStsRefusesBecomeHyphens() {
    assertEquals("my-run-from-the-UI-1", RoleSessionNames.of("my run/from:the UI#1"));
    assertEquals("a_b+c=d,e.f@g-h", RoleSessionNames.of("a_b+c=d,e.f@g-h"));
  }

  @Test
  void aLongIdKeepsItsStartAndAHashWithinSixtyFourCharacters() {
    String base = "x".repeat(70);
    String a = RoleSessionNames.of(base + "a");
    String b = RoleSessionNames.of(base + "b");
    assertEquals(64, a.length());
    assertTrue(a.startsWith("x".repeat(55) + "-"), a);
    assertNotEquals(a, b);
    assertEquals(64, RoleSessionNames.of("y".repeat(64)).length());
    assertEquals("y".repeat(64), RoleSessionNames.of("y".repeat(64)));
  }

  @Test
  void tooShortOrMissingIdsStillMakeAValidName() {
    assertEquals("a-run", RoleSessionNames.of("a"));
    assertEquals("dr-runbooks", RoleSessionNames.of(null));
    assertTrue(RoleSessionNames.of(" ").matches("[\\w+=,.@-]{2,64}"));
  }
}
