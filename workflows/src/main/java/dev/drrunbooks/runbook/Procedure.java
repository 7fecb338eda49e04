package dev.drrunbooks.runbook;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * A procedure an operator, a schedule or an incident can run, with what the worker registers, what
 * the starter starts, how a run is named and how it is reported. Each procedure package defines its
 * own ({@code pitr.PointInTimeRestore.PROCEDURE}); the {@link Runbook} lists them. Adding a
 * procedure is one package, one line there and one starter command; the tests in {@code runbook}
 * fail when any of the three is missing.
 *
 * <p>Typed by the procedure's workflow interface {@code W} and result {@code R}, so a start or a
 * child launch through a constant needs no cast.
 *
 * @param <W> the workflow interface (its simple name is the Temporal workflow type)
 * @param <R> what the workflow method returns
 */
public final class Procedure<W, R> {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String key;
  private final String command;
  private final String title;
  private final Class<W> workflowInterface;
  private final Class<?> implementation;
  private final Class<R> resultType;
  private final String workflowType;
  private final Class<?> inputType;
  private final ReportMapping<R> report;
  private final List<LockedResource> locks;
  private final InputRules<?> inputRules;

  /**
   * Begins a procedure's definition: its workflow interface (whose workflow method names the
   * workflow type, the input and the result) and the implementation the worker registers. The
   * definition goes on with {@link ProcedureDefinition#startedBy} and ends with {@link
   * ProcedureDefinition#reportedAs}.
   *
   * @param <W> the workflow interface
   */
  public static <W> ProcedureDefinition<W> of(Class<W> workflowInterface, Class<?> implementation) {
    return new ProcedureDefinition<>(workflowInterface, implementation, null, null, List.of());
  }

  /** Key and title are the report mapping's: one name per procedure. */
  Procedure(ProcedureDefinition<W> definition, ReportMapping<R> report) {
    Class<W> workflowInterface = definition.workflowInterface();
    Class<?> implementation = definition.implementation();
    InputRules<?> inputRules = definition.inputRules();
    this.command = definition.command();
    this.locks = definition.locks();
    this.key = report.procedure();
    this.title = report.title();
    this.workflowInterface = workflowInterface;
    this.implementation = implementation;
    this.report = report;
    POJOWorkflowMethodMetadata method =
        POJOWorkflowInterfaceMetadata.newInstance(workflowInterface)
            .getWorkflowMethod()
            .orElseThrow(
                () -> new IllegalStateException(workflowInterface + " has no @WorkflowMethod"));
    this.workflowType = method.getName();
    // The implementation may run a narrower interface of the same type (the incident answers its
    // updates from a table): what must agree is the workflow type the worker registers.
    String implemented =
        POJOWorkflowImplMetadata.newInstance(implementation).getWorkflowMethods().stream()
            .map(POJOWorkflowMethodMetadata::getName)
            .findFirst()
            .orElse(null);
    if (!workflowType.equals(implemented))
      throw new IllegalStateException(
          implementation + " runs workflow type " + implemented + ", not " + workflowType);
    if (method.getWorkflowMethod().getParameterCount() != 1)
      throw new IllegalStateException(method.getWorkflowMethod() + " must take one input");
    this.inputType = method.getWorkflowMethod().getParameterTypes()[0];
    @SuppressWarnings("unchecked") // R is the workflow method's return type, as W declares it
    Class<R> returned = (Class<R>) method.getWorkflowMethod().getReturnType();
    this.resultType = returned;
    if (!inputType.equals(ruledType(inputRules)))
      throw new IllegalStateException(
          inputRules.getClass() + " checks " + ruledType(inputRules) + ", not " + inputType);
    this.inputRules = inputRules;
  }

  /** The input type an {@link InputRules} implementation names. */
  private static Class<?> ruledType(InputRules<?> rules) {
    for (Type t : rules.getClass().getGenericInterfaces()) {
      if (t instanceof ParameterizedType p
          && p.getRawType() == InputRules.class
          && p.getActualTypeArguments()[0] instanceof Class<?> c) return c;
    }
    // Rules that extend a generic base of InputRules (SelectorInputRules<BackupPolicyInput>)
    if (rules.getClass().getGenericSuperclass() instanceof ParameterizedType p
        && p.getRawType() instanceof Class<?> base
        && InputRules.class.isAssignableFrom(base)
        && p.getActualTypeArguments()[0] instanceof Class<?> c) return c;
    return null;
  }

  /**
   * A run id an operator can read and type, unique per start: key, subject, UTC start time to the
   * second and a random suffix ({@code pitr-inventory-20261127T123005Z-k3f9}). The caller draws the
   * suffix (workflow code must not), and starts with REJECT_DUPLICATE so an id names one run
   * forever.
   *
   * @param subject what the run is about (a service, a list of services, a run id); blank becomes
   *     "unknown"
   * @param suffix a few random characters that make two starts in one second differ
   */
  public String runId(String subject, Instant startedAt, String suffix) {
    return runId(key, subject, startedAt, suffix);
  }

  /**
   * As {@link #runId(String, Instant, String)} with a key of this procedure's (a DNS failback's,
   * {@link dev.drrunbooks.failover.DnsFailover#FAILBACK_KEY}).
   */
  public static String runId(String key, String subject, Instant startedAt, String suffix) {
    Objects.requireNonNull(startedAt, "startedAt");
    String s = subject == null || subject.isBlank() ? "unknown" : subject;
    return key + "-" + s + "-" + STAMP.format(startedAt) + "-" + suffix;
  }

  /**
   * The name runs, reports and the DrProcedure search attribute use: {@code pitr}, {@code
   * dr-drill}.
   */
  public String key() {
    return key;
  }

  /** The {@code dr} command that starts it. */
  public String command() {
    return command;
  }

  /** A human title for reports and help: "Point-in-time restore". */
  public String title() {
    return title;
  }

  public Class<W> workflowInterface() {
    return workflowInterface;
  }

  /** What the worker registers. */
  public Class<?> implementation() {
    return implementation;
  }

  /** The workflow method's one parameter: the procedure's input record. */
  public Class<?> inputType() {
    return inputType;
  }

  public Class<R> resultType() {
    return resultType;
  }

  /**
   * The workflow type as Temporal names it: the interface's simple name unless annotated otherwise.
   */
  public String workflowType() {
    return workflowType;
  }

  /**
   * What a run refuses in its input before it does anything: the workflow's first checks, made
   * again by a client before it starts a run ({@link #checkStart}).
   */
  public InputRules<?> inputRules() {
    return inputRules;
  }

  /**
   * Checks {@code input} as the run would before it does anything, against {@code catalog}: a
   * client calls it before it starts a run, so bad input creates none.
   *
   * @param input of {@link #inputType()}
   * @throws io.temporal.failure.ApplicationFailure InvalidInput naming the field, the value and
   *     what is allowed ({@link InputRules})
   */
  @SuppressWarnings("unchecked")
  public void checkStart(Object input, Instant now, Catalog catalog) {
    if (!inputType.isInstance(input))
      throw new IllegalArgumentException(
          key + " takes a " + inputType.getName() + ", not " + input);
    ((InputRules<Object>) inputRules).checkStart(input, now, catalog);
  }

  /** How a run's result, or what is known of a run that ended without one, becomes its report. */
  public ReportMapping<R> report() {
    return report;
  }

  /**
   * The report of a completed run from its result.
   *
   * @throws ClassCastException when {@code result} is not a {@link #resultType()}
   */
  public RunReport reportOf(Object result, ReportContext context) {
    return report.report(resultType.cast(result), context);
  }

  /**
   * What a run holds a server-side lock on while it changes it (one DNS failover per record, one
   * ECS recovery per service): a second run for the same resource fails at once naming the holder,
   * whoever started either.
   */
  public List<LockedResource> locks() {
    return locks;
  }

  @Override
  public String toString() {
    return key;
  }
}
