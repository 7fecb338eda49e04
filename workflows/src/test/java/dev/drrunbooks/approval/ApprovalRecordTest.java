package dev.drrunbooks.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An approval's line for an auditor, in each of the shapes the ledger holds. */
class ApprovalRecordTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aVerifiedIdentityLeadsAndATypedNameThatIsNotItsOwnIsShown() {
    assertEquals(
        "switch-traffic: APPROVED by operator:alice (verified) via dr approve (update) at"
            + " 2026-12-01T10:00:00Z: P1",
        new ApprovalRecord(
                "switch-traffic",
                "APPROVED",
                "operator:alice",
                true,
                "alice",
                "dr approve (update)",
                T,
                "P1")
            .line());
    assertEquals(
        "switch-traffic: APPROVED by operator:alice (verified) via dr approve (update) at"
            + " 2026-12-01T10:00:00Z: P1",
        new ApprovalRecord(
                "switch-traffic",
                "APPROVED",
                "operator:alice",
                true,
                "operator:alice",
                "dr approve (update)",
                T,
                "P1")
            .line(),
        "the identity typed in full is its own name");
    assertEquals(
        "switch-traffic: APPROVED by slack:U0123 (verified, named 'the CTO') via slack button"
            + " (signal) at 2026-12-01T10:00:00Z: P1",
        new ApprovalRecord(
                "switch-traffic",
                "APPROVED",
                "slack:U0123",
                true,
                "the CTO",
                "slack button (signal)",
                T,
                "P1")
            .line());
    assertEquals(
        "switch-traffic: APPROVED by slack:U0123 (verified) at 2026-12-01T10:00:00Z: P1",
        new ApprovalRecord("switch-traffic", "APPROVED", "slack:U0123", true, " ", null, T, "P1")
            .line(),
        "a blank name is no name; no channel, no via");
  }

  @Test
  void aTypedNameIsMarkedUnverifiedWhateverItSays() {
    assertEquals(
        "confirm: ABORTED by operator:root (unverified) via update at 2026-12-01T10:00:00Z: no",
        new ApprovalRecord(
                "confirm", "ABORTED", "operator:root", false, "operator:root", "update", T, "no")
            .line());
  }

  @Test
  void aTimeoutHasNoOneAndNoChannel() {
    assertEquals(
        "switch-traffic: TIMED_OUT_PROCEEDED at 2026-12-01T10:00:00Z: no answer within 5m",
        new ApprovalRecord(
                "switch-traffic",
                "TIMED_OUT_PROCEEDED",
                ApprovalRecord.NOBODY,
                false,
                null,
                ApprovalRecord.TIMER,
                T,
                "no answer within 5m")
            .line());
  }

  @Test
  void aTimelinesApprovalIsItsWordsAndSaysWhereTheyCameFrom() {
    assertEquals(
        "switch-traffic (from the run's timeline): APPROVED by alice: P1 (update)",
        ApprovalRecord.fromTimeline("switch-traffic", T, "APPROVED by alice: P1 (update)").line());
  }
}
