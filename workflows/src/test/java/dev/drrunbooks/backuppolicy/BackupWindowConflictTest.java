package dev.drrunbooks.backuppolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BackupWindowConflictTest {

  @Test
  void theIssuesWindowsOverlapAndAnHourEndingHalfAnHourBeforeMaintenanceIsSuggested() {
    assertEquals(
        "the backup window 03:00-04:00 overlaps the instance's maintenance window"
            + " sun:03:15-sun:04:15; a backup window that does not: 01:45-02:45 (change the"
            + " catalog's window), or move the maintenance window",
        BackupWindowConflict.describe("03:00-04:00", "sun:03:15-sun:04:15"));
  }

  @Test
  void windowsThatDoNotOverlapHaveNoConflict() {
    assertNull(BackupWindowConflict.describe("03:00-04:00", "sun:04:30-sun:05:00"));
    assertNull(BackupWindowConflict.describe("03:00-04:00", "sun:02:00-sun:02:30"));
    assertNull(BackupWindowConflict.describe("22:00-22:30", "sun:03:15-sun:04:15"));
  }

  @Test
  void windowsThatOnlyTouchCountAsOverlapping() {
    assertEquals(true, BackupWindowConflict.describe("03:00-04:00", "sun:04:00-sun:04:30") != null);
    assertEquals(true, BackupWindowConflict.describe("03:00-04:00", "sun:02:30-sun:03:00") != null);
  }

  @Test
  void windowsRunningPastMidnightOrTheWeeksEndAreCompared() {
    assertEquals(true, BackupWindowConflict.describe("23:30-00:30", "mon:00:10-mon:00:40") != null);
    assertEquals(true, BackupWindowConflict.describe("00:10-00:20", "sun:23:30-mon:00:30") != null);
    assertEquals(true, BackupWindowConflict.describe("00:10-00:20", "sat:23:30-sun:00:30") != null);
    assertNull(BackupWindowConflict.describe("00:40-01:00", "sun:23:30-mon:00:30"));
  }

  @Test
  void theSuggestionWrapsBeforeMidnight() {
    assertEquals(
        "the backup window 00:30-01:00 overlaps the instance's maintenance window"
            + " mon:00:15-mon:00:45; a backup window that does not: 23:15-23:45 (change the"
            + " catalog's window), or move the maintenance window",
        BackupWindowConflict.describe("00:30-01:00", "mon:00:15-mon:00:45"));
  }

  @Test
  void dayNamesAreReadInAnyCase() {
    assertEquals(true, BackupWindowConflict.describe("03:00-04:00", "Sun:03:15-SUN:04:15") != null);
  }

  @Test
  void withNoRoomLeftOnlyMovingTheMaintenanceWindowIsSuggested() {
    assertEquals(
        "the backup window 03:00-04:00 overlaps the instance's maintenance window"
            + " mon:00:00-mon:23:50; move the maintenance window (the backup policy does not change"
            + " it)",
        BackupWindowConflict.describe("03:00-04:00", "mon:00:00-mon:23:50"));
  }

  @Test
  void unreadableWindowsAreNotJudged() {
    assertNull(BackupWindowConflict.describe(null, "sun:03:15-sun:04:15"));
    assertNull(BackupWindowConflict.describe("03:00-04:00", null));
    assertNull(BackupWindowConflict.describe("3-4", "sun:03:15-sun:04:15"));
    assertNull(BackupWindowConflict.describe("03:00-04:00", "xyz:03:15-sun:04:15"));
    assertNull(BackupWindowConflict.describe("03:00-04:00", "sun:03:15-abc:04:15"));
    assertNull(BackupWindowConflict.describe("03:00-04:00", "sunday 03:15"));
  }

  @Test
  void aWindowWhoseEndIsItsStartLastsADayOrAWeek() {
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new int[] {180, 1620}, BackupWindowConflict.daily("03:00-03:00"));
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new int[] {180, 240}, BackupWindowConflict.daily("03:00-04:00"));
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new int[] {180, 10260}, BackupWindowConflict.weekly("mon:03:00-mon:03:00"));
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new int[] {8820, 10110}, BackupWindowConflict.weekly("sun:03:00-mon:00:30"));
  }
}
