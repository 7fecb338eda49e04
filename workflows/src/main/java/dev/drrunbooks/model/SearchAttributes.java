package dev.drrunbooks.model;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The custom search attributes runs set, so the Temporal UI can filter by them. A namespace must
 * have them registered with these types ({@link #ALL}): the sandbox does it; for a real namespace,
 * {@code temporal operator search-attribute create} (see the README).
 */
public final class SearchAttributes {
  public static final SearchAttributeKey<String> PROCEDURE =
      SearchAttributeKey.forKeyword("DrProcedure");
  public static final SearchAttributeKey<String> SERVICE =
      SearchAttributeKey.forKeyword("DrService");
  public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("DrPhase");

  /** How the run ended, as its report says: SUCCEEDED, FAILED, ABORTED, PASSED, ... */
  public static final SearchAttributeKey<String> OUTCOME =
      SearchAttributeKey.forKeyword("DrOutcome");

  /** Achieved recovery time in whole seconds (Int); unset when the procedure measures none. */
  public static final SearchAttributeKey<Long> RTO_SECONDS =
      SearchAttributeKey.forLong("DrRtoSeconds");

  /** Achieved recovery point in whole seconds (Int); unset when the procedure measures none. */
  public static final SearchAttributeKey<Long> RPO_SECONDS =
      SearchAttributeKey.forLong("DrRpoSeconds");

  /** Whether a measured RTO missed its objective (Bool); unset when no RTO was measured. */
  public static final SearchAttributeKey<Boolean> RTO_BREACHED =
      SearchAttributeKey.forBoolean("DrRtoBreached");

  /** Every key above, for registering them (their value types say Keyword, Int or Bool). */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(PROCEDURE, SERVICE, PHASE, OUTCOME, RTO_SECONDS, RPO_SECONDS, RTO_BREACHED);

  private SearchAttributes() {}
}
