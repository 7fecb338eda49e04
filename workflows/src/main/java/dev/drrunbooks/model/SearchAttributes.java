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

  /** The phase a run is listed in from its start until its workflow sets its own. */
  public static final String QUEUED = "queued";

  /**
   * A run's attributes as a client starts it (the starter, a schedule, the gateway): its procedure
   * tag, its service ({@code unknown} when none) and the phase {@link #QUEUED}.
   */
  public static io.temporal.common.SearchAttributes atStart(String procedure, String service) {
    return io.temporal.common.SearchAttributes.newBuilder()
        .set(PROCEDURE, procedure)
        .set(SERVICE, service == null || service.isBlank() ? "unknown" : service)
        .set(PHASE, QUEUED)
        .build();
  }

  private SearchAttributes() {}
}
