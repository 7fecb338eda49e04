package dev.drrunbooks.incident;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.RejectedSignals;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an incident run knows, in one serializable object (as Temporal's samples-java {@code
 * safemessagepassing} keeps a workflow's state): what was opened, each phase's completion and
 * escalation, acknowledgement, severity changes, notes, recoveries started and what they reported,
 * verifications, the resolution and the timeline. Continue-as-new carries it to the next run in
 * {@link IncidentInput#state()}; every deadline is derived from it (detection time, severity,
 * RTOs), so deadlines carry as instants, never as durations left.
 *
 * <p>Read and written by its fields only (no getters), so its JSON is exactly its fields.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE)
public final class IncidentState {
  String incidentId;
  Severity severity;
  List<String> services = List.of();
  String summary;
  Instant detectedAt;
  String openedBy;

  /** The affected services' catalog entries, read once when the incident opened. */
  Map<String, ServiceDefinition> definitions = new LinkedHashMap<>();

  /** Set once the services are resolved from the catalog: updates are refused before that. */
  boolean opened;

  /**
   * {@link IncidentResponseWorkflowImpl#RECOVERY_DONE_ON_CHILD_SUCCESS}, decided by the first run.
   */
  boolean recoveryDoneOnChildSuccess;

  /** {@link IncidentResponseWorkflowImpl#CONTINUE_AS_NEW}, decided by the first run. */
  boolean continuesAsNew;

  /**
   * {@link IncidentSignals#SIGNAL_TWINS}, decided by the first run that knew it (a run continued
   * from an older one decides again).
   */
  boolean takesSignals;

  /** History events after which a run continues as new (lowered in tests); null: the default. */
  Integer continueAsNewAfterEvents;

  /** How many runs came before this one (0 in the first). */
  int continuedRuns;

  String acknowledgedBy;
  EnumMap<IncidentPhase, Instant> doneAt = new EnumMap<>(IncidentPhase.class);
  EnumMap<IncidentPhase, String> doneBy = new EnumMap<>(IncidentPhase.class);
  EnumSet<IncidentPhase> escalated = EnumSet.noneOf(IncidentPhase.class);
  Map<String, Instant> verifiedAt = new LinkedHashMap<>();
  Map<String, ChildRecovery> children = new LinkedHashMap<>();
  Map<String, List<TimelineEntry>> childTimelines = new LinkedHashMap<>();
  Map<String, ObjectiveCheck> rpoByService = new LinkedHashMap<>();
  Map<String, ValidationReport> validationByService = new LinkedHashMap<>();
  List<String> notes = new ArrayList<>();
  List<String> severityHistory = new ArrayList<>();
  List<TimelineEntry> timeline = new ArrayList<>();

  /** Signals refused, with why: carried on, so a bot's mistake stays visible after continuing. */
  RejectedSignals rejectedSignals = new RejectedSignals();

  Resolution resolution;
  Instant resolvedAt;

  /**
   * The incident as opened from valid input; its services are not resolved from the catalog yet.
   */
  static IncidentState opening(
      String incidentId,
      Severity severity,
      List<String> services,
      String summary,
      Instant detectedAt,
      String openedBy) {
    IncidentState s = new IncidentState();
    s.incidentId = incidentId;
    s.severity = severity;
    s.services = List.copyOf(services);
    s.summary = summary;
    s.detectedAt = detectedAt;
    s.openedBy = openedBy;
    s.severityHistory.add(severity + " at open by " + openedBy);
    return s;
  }

  /** Records into this state's timeline (workflow time: call from workflow code only). */
  Timeline timeline() {
    return new Timeline(timeline);
  }

  boolean resolved() {
    return resolution != null;
  }

  boolean done(IncidentPhase p) {
    return doneAt.containsKey(p);
  }

  /** The first time counts: a phase done stays done by whoever did it first. */
  void markDone(IncidentPhase p, String who, Instant at) {
    if (done(p)) return;
    doneAt.put(p, at);
    doneBy.put(p, who);
  }

  List<String> unverified() {
    return services.stream().filter(s -> !verifiedAt.containsKey(s)).toList();
  }

  List<ChildRecovery> runningChildren() {
    return children.values().stream().filter(ChildRecovery::running).toList();
  }

  /** The escalated phases in phase order. */
  List<String> escalatedLabels() {
    return List.of(IncidentPhase.values()).stream()
        .filter(escalated::contains)
        .map(IncidentPhase::label)
        .toList();
  }

  /** The smallest RTO among the affected services, or null when none declares one. */
  Duration strictestRto() {
    return definitions.values().stream()
        .map(s -> s.spec().objectives().rto())
        .filter(d -> d != null)
        .min(Duration::compareTo)
        .orElse(null);
  }

  /** What the DrPhase search attribute and the status query show. */
  String currentPhase() {
    if (resolved()) return "resolved";
    if (!opened) return "opening";
    for (IncidentPhase p : IncidentPhase.values()) if (!done(p)) return p.label();
    return "ready-to-resolve";
  }
}
