package dev.drrunbooks.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.approval.GateDecision.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of gate decision as the ledger's approval rows. */
class GateEvidenceTest {
  private static final String STEP = "switch-traffic";
  private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-12-01T10:02:00Z");
  private static final Instant END = Instant.parse("2026-12-01T10:30:00Z");

  private static final GateAnswer ALICE =
      new GateAnswer("alice", "operator:alice", "dr approve (update)", "P1 INC-9", T1);
  private static final GateAnswer BOB = new GateAnswer("bob", null, "signal", "agreed", T2);

  private static ApprovalRecord alice(String decision) {
    return new ApprovalRecord(
        STEP, decision, "operator:alice", true, "alice", "dr approve (update)", T1, "P1 INC-9");
  }

  private static ApprovalRecord bob(String decision) {
    return new ApprovalRecord(STEP, decision, "bob", false, "bob", "signal", T2, "agreed");
  }

  @Test
  void anApprovalByTwoIsARowPerApproverVerifiedOrTyped() {
    GateDecision d =
        new GateDecision(
            STEP, Verdict.APPROVED, "operator:alice, bob", "...", T2, List.of(ALICE, BOB));

    assertEquals(List.of(alice("APPROVED"), bob("APPROVED")), GateEvidence.records(d));
  }

  @Test
  void anAbortIsTheAnswerThatClosedTheGate() {
    GateDecision d =
        new GateDecision(STEP, Verdict.ABORTED, "bob", "agreed (signal)", T2, List.of(BOB));

    assertEquals(List.of(bob("ABORTED")), GateEvidence.records(d));
  }

  @Test
  void aTimeoutKeepsTheApprovalsCountedThenTheTimeoutByNobody() {
    GateDecision d =
        new GateDecision(
            STEP,
            Verdict.TIMED_OUT_ABORTED,
            "nobody",
            "no answer within 30m (1 of 2 approvals); the default is to abort",
            END,
            List.of(ALICE));

    assertEquals(
        List.of(
            alice("APPROVAL_COUNTED"),
            new ApprovalRecord(
                STEP,
                "TIMED_OUT_ABORTED",
                ApprovalRecord.NOBODY,
                false,
                null,
                ApprovalRecord.TIMER,
                END,
                "no answer within 30m (1 of 2 approvals); the default is to abort")),
        GateEvidence.records(d));
  }

  @Test
  void aTimeoutThatProceedsWithoutAnyAnswerIsOneRow() {
    GateDecision d =
        new GateDecision(STEP, Verdict.TIMED_OUT_PROCEEDED, "nobody", "no answer", END);

    assertEquals(
        List.of(
            new ApprovalRecord(
                STEP,
                "TIMED_OUT_PROCEEDED",
                ApprovalRecord.NOBODY,
                false,
                null,
                ApprovalRecord.TIMER,
                END,
                "no answer")),
        GateEvidence.records(d));
  }

  @Test
  void breakGlassIsTheNamedPersonOfTheRunsInputUnverified() {
    GateDecision d =
        new GateDecision(STEP, Verdict.BREAK_GLASS, "carol", "region down, CTO ok", T1);

    assertEquals(
        List.of(
            new ApprovalRecord(
                STEP,
                "BREAK_GLASS",
                "carol",
                false,
                "carol",
                ApprovalRecord.BREAK_GLASS_INPUT,
                T1,
                "region down, CTO ok")),
        GateEvidence.records(d));
  }

  @Test
  void anApprovalRecordedWithoutItsAnswersIsOneUnverifiedRowWithoutAChannel() {
    GateDecision d = new GateDecision(STEP, Verdict.APPROVED, "alice", "P1 (update)", T1);

    assertEquals(
        List.of(
            new ApprovalRecord(STEP, "APPROVED", "alice", false, "alice", null, T1, "P1 (update)")),
        GateEvidence.records(d));
  }

  @Test
  void aGateNobodyHadToAnswerLeavesNoRow() {
    assertEquals(
        List.of(),
        GateEvidence.records(new GateDecision(STEP, Verdict.NOT_REQUIRED, "policy", "none", T1)));
    assertEquals(
        List.of(),
        GateEvidence.records(
            new GateDecision(STEP, Verdict.APPROVAL_COUNTED, "bob", "1 of 2", T2, List.of(BOB))));
  }

  @Test
  void aParentsDecisionIsRecordedAtThisGateNamingTheParentsGate() {
    GateDecision parent =
        new GateDecision("evacuate", Verdict.APPROVED, "operator:alice", "...", T1, List.of(ALICE));

    assertEquals(
        List.of(
            new ApprovalRecord(
                STEP,
                "APPROVED",
                "operator:alice",
                true,
                "alice",
                "dr approve (update), at evacuate-1's gate 'evacuate'",
                T1,
                "P1 INC-9")),
        GateEvidence.relayed(STEP, parent, "evacuate-1"));
    GateDecision broken = new GateDecision("evacuate", Verdict.APPROVED, "alice", "P1", T1);
    assertEquals(
        "at evacuate-1's gate 'evacuate'",
        GateEvidence.relayed(STEP, broken, "evacuate-1").get(0).channel(),
        "a decision without a channel names only the parent's gate");
  }
}
