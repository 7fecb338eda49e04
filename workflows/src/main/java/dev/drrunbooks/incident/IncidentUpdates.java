package dev.drrunbooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.EncodedValues;
import io.temporal.workflow.DynamicSignalHandler;
import io.temporal.workflow.DynamicUpdateHandler;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The incident's updates and their signal twins, one row each: the update's name as {@link
 * IncidentResponseWorkflow} declares it for clients, its payload type and its {@link
 * UpdateHandler}. Registered as the run's dynamic update and signal handlers, so adding an update
 * is one handler class, one row and one method on the client interface (a test checks the two
 * agree), not a validator, a handler and a signal method on the workflow.
 *
 * <p>Every update is rejected while the incident is opening or once it is resolved ({@link
 * UpdateChecks#requireOpen}); a payload that does not read as its type is rejected naming the
 * update. A signal {@code <update>Signal} is taken as that update through {@link IncidentSignals};
 * a signal of any other name is refused and recorded there. Workflow code only.
 */
final class IncidentUpdates implements DynamicUpdateHandler {
  static final String SIGNAL_SUFFIX = "Signal";

  private final Map<String, Row<?>> rows = new LinkedHashMap<>();
  private final IncidentSignals signals;
  private final Supplier<IncidentState> state;
  private final Runnable changed;
  private final Supplier<IncidentStatus> status;

  /**
   * @param state the incident's state; null while it is opening
   * @param changed run after an update that answers the status: deadlines and phase may move
   */
  IncidentUpdates(
      IncidentSignals signals,
      Supplier<IncidentState> state,
      Runnable changed,
      Supplier<IncidentStatus> status) {
    this.signals = signals;
    this.state = state;
    this.changed = changed;
    this.status = status;
  }

  /**
   * Adds the update {@code name}; {@code handler} is asked for its handler on each call (a run
   * makes its handlers when it opens or carries on).
   */
  <T> IncidentUpdates with(String name, Class<T> type, Supplier<UpdateHandler<T>> handler) {
    rows.put(name, new Row<>(name, type, handler));
    return this;
  }

  /** The update names, in the order they were added. */
  Iterable<String> names() {
    return rows.keySet();
  }

  @Override
  public void handleValidate(String name, EncodedValues args) {
    Row<?> row = rows.get(name);
    if (row == null)
      throw new IllegalArgumentException(
          "update: '" + name + "' is not an update of an incident; allowed: " + rows.keySet());
    row.validate(args);
  }

  @Override
  public Object handleExecute(String name, EncodedValues args) {
    return rows.get(name).execute(args);
  }

  /**
   * Registers this table as the run's dynamic update handler and its signal twins as the dynamic
   * signal handler (two registrations: {@code Workflow.registerListener} takes one dynamic kind per
   * object). Call first in the workflow method.
   */
  void register() {
    Workflow.registerListener(this);
    Workflow.registerListener((DynamicSignalHandler) this::receiveSignal);
  }

  /** A signal: {@code <update>Signal} is taken as that update; any other is refused, recorded. */
  void receiveSignal(String signal, EncodedValues args) {
    JsonNode payload = args.getSize() == 0 ? null : args.get(0, JsonNode.class);
    Row<?> row =
        signal.endsWith(SIGNAL_SUFFIX)
            ? rows.get(signal.substring(0, signal.length() - SIGNAL_SUFFIX.length()))
            : null;
    if (row != null) {
      row.receive(signal, payload);
      return;
    }
    signals.receive(
        signal,
        payload,
        JsonNode.class,
        ignored -> {
          throw new IllegalArgumentException(
              "signal: '"
                  + signal
                  + "' is not a signal of an incident; allowed: "
                  + String.join(SIGNAL_SUFFIX + ", ", rows.keySet())
                  + SIGNAL_SUFFIX);
        },
        ignored -> {});
  }

  @Override
  public String getDescription() {
    return "incident updates " + rows.keySet() + ", and each as the signal <update>Signal";
  }

  /** One update: reads its payload, checks the incident is open, then runs its handler. */
  private final class Row<T> {
    private final String name;
    private final Class<T> type;
    private final Supplier<UpdateHandler<T>> handler;

    Row(String name, Class<T> type, Supplier<UpdateHandler<T>> handler) {
      this.name = name;
      this.type = type;
      this.handler = handler;
    }

    void validate(EncodedValues args) {
      check(read(args));
    }

    Object execute(EncodedValues args) {
      return apply(read(args));
    }

    void receive(String signal, JsonNode payload) {
      signals.receive(signal, payload, type, this::check, this::apply);
    }

    private void check(T payload) {
      UpdateChecks.requireOpen(state.get());
      handler.get().validate(payload);
    }

    private Object apply(T payload) {
      Object answer = handler.get().apply(payload);
      if (answer != null) return answer;
      changed.run();
      return status.get();
    }

    private T read(EncodedValues args) {
      if (args.getSize() == 0) return null;
      try {
        return args.get(0, type);
      } catch (DataConverterException e) {
        throw new IllegalArgumentException(
            name + ": the payload is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
      }
    }
  }
}
