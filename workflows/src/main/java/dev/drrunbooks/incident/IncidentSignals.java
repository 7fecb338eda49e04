package dev.drrunbooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.RejectedSignal;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.payload.StrictJsonPayloadConverter;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The signal twins of the incident's updates, for bots that can only signal: a signal runs its
 * update's validator, then its handler (one code path), so it is taken exactly when the update
 * would be. A refused one (bad payload, the validator's reason, the incident resolved, or a run
 * opened before {@link #SIGNAL_TWINS}) is kept with who sent it, when and why in the state's
 * bounded {@code rejectedSignals} (the status query) and in the timeline. Nothing is thrown: a
 * signal has no caller to answer, and a throw would fail the workflow task.
 *
 * <p>The payload arrives as JSON and is read here, strictly, because Temporal drops a signal whose
 * payload does not fit the handler's type without a trace in the run.
 *
 * <p>Signals that arrive before the incident is open (the first workflow task may carry them, and
 * reading the catalog takes activities) wait, in history order, and are taken as soon as it is:
 * deterministic on replay. Workflow code only.
 */
final class IncidentSignals {
  /**
   * Version 1: signals are taken (before, a signal was dropped); accepting one adds commands (the
   * DrPhase search attribute, timers, a child), so runs opened before keep refusing them.
   */
  static final String SIGNAL_TWINS = "incident-signal-twins";

  private static final StrictJsonPayloadConverter JSON = new StrictJsonPayloadConverter();

  private final List<Runnable> early = new ArrayList<>();
  private IncidentState state;

  /** Whether this run takes signals: decided once per run, recorded as a version marker. */
  static boolean taken() {
    return Workflow.getVersion(SIGNAL_TWINS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * The incident is open (called once per run): takes the signals that came early, in the order
   * they came; later ones are taken as they come.
   */
  void open(IncidentState opened) {
    state = opened;
    early.forEach(Runnable::run);
  }

  /**
   * Reads {@code payload} as {@code type} and passes it to the update's validator, then to its
   * handler; records a refusal instead of throwing.
   *
   * @param payload the signal's JSON; null (no payload) reaches the validator as null
   * @param validate the update's validator: throws IllegalArgumentException with the reason
   * @param apply the update's handler; an ApplicationFailure from it (a recovery that could not
   *     start) is recorded as a refusal too
   */
  <T> void receive(
      String signal, JsonNode payload, Class<T> type, Consumer<T> validate, Consumer<T> apply) {
    if (state == null) {
      early.add(() -> receive(signal, payload, type, validate, apply));
      return;
    }
    String who = whoIn(payload);
    if (!state.takesSignals) {
      reject(
          signal,
          who,
          "this incident was opened before it took signals; send the update '"
              + signal.replaceFirst("Signal$", "")
              + "' instead");
      return;
    }
    T message;
    try {
      message = read(payload, type);
    } catch (DataConverterException e) {
      reject(signal, who, e.getMessage());
      return;
    }
    try {
      validate.accept(message);
    } catch (IllegalArgumentException e) {
      reject(signal, who, e.getMessage());
      return;
    }
    try {
      apply.accept(message);
    } catch (ApplicationFailure e) {
      reject(signal, who, Failures.rootMessage(e));
    }
  }

  private void reject(String signal, String who, String reason) {
    RejectedSignal r = new RejectedSignal(signal, who, Timeline.now(), reason);
    state.rejectedSignals.add(r);
    state
        .timeline()
        .record(
            "rejected signal " + signal + (who == null ? "" : " from " + who),
            r.at(),
            Outcome.SKIPPED,
            reason);
  }

  /** The payload's {@code who} when it is a string, so even an unreadable payload is attributed. */
  private static String whoIn(JsonNode payload) {
    JsonNode who = payload == null ? null : payload.get("who");
    return who != null && who.isTextual() ? who.asText() : null;
  }

  /**
   * @throws DataConverterException naming the field, the value and what is allowed
   */
  static <T> T read(JsonNode payload, Class<T> type) {
    if (payload == null || payload.isNull()) return null;
    Payload p =
        Payload.newBuilder()
            .setData(ByteString.copyFrom(payload.toString(), StandardCharsets.UTF_8))
            .build();
    return JSON.fromData(p, type, type);
  }
}
