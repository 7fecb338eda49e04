-- Approvals with identity and channel (issue 15): each decision at a run's gates, written with the
-- run's row in its transaction by dev.drrunbooks.ledger.RunRows. V1's columns keep their meaning:
-- who is the verified identity, else the typed name ("nobody" for a timeout); channel what carried
-- it; decision the gate's verdict as the workflows name it (APPROVED, ABORTED, TIMED_OUT_PROCEEDED,
-- TIMED_OUT_ABORTED, BREAK_GLASS, APPROVAL_COUNTED). seq numbers a run's decisions from 1.
ALTER TABLE run_approvals
  -- true when who is an identity the channel verified (the dr-approver header), false for a name
  -- anyone could have typed
  ADD COLUMN verified boolean NOT NULL DEFAULT false,
  -- the name typed with the answer (free text, may be the identity's own), null when none was
  ADD COLUMN named text,
  -- the reason given, in the operator's words, or why the gate decided itself
  ADD COLUMN why text;
