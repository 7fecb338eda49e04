package dev.drrunbooks.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.datarecovery.CorruptedDataRecovery;
import dev.drrunbooks.drill.DrDrill;
import dev.drrunbooks.ecsrecovery.EcsServiceRecovery;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.incident.IncidentResponse;
import dev.drrunbooks.incident.RecoveryKind;
import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.pitr.PointInTimeRestore;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The registry is the one place a procedure is declared: a workflow written but left out of it
 * would never be registered by a worker, started by the starter or replayed from a recorded
 * history. These tests read the compiled classes and the recorded histories, so they fail as soon
 * as one of them is missing.
 */
class ProcedureRegistryTest {
  private static final Path CLASSES = Path.of("target/classes");
  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  @Test
  void everyWorkflowImplementationInTheTreeIsInTheRegistry() throws IOException {
    Set<String> inTree =
        classes().stream()
            .filter(c -> !c.isInterface() && !Modifier.isAbstract(c.getModifiers()))
            .filter(
                c ->
                    Arrays.stream(c.getInterfaces())
                        .anyMatch(i -> i.isAnnotationPresent(WorkflowInterface.class)))
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> registered =
        WorkflowImplementations.all().stream()
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));

    assertTrue(inTree.size() >= 12, "the scan found the workflow implementations: " + inTree);
    Set<String> missing = new TreeSet<>(inTree);
    missing.removeAll(registered);
    assertEquals(
        Set.of(),
        missing,
        "not registered: define each procedure's PROCEDURE in its package and list it in"
            + " runbook/Runbook.java (a support workflow, not started by hand:"
            + " WorkflowImplementations.SUPPORT)");
    assertEquals(inTree, registered);
  }

  @Test
  void everyWorkflowInterfaceInTheTreeIsImplementedByARegisteredWorkflow() throws IOException {
    Set<String> interfaces =
        classes().stream()
            .filter(c -> c.isInterface() && c.isAnnotationPresent(WorkflowInterface.class))
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    // A client interface that extends the one a workflow implements (the incident's, declaring the
    // updates its run answers from a table) is implemented by it too.
    List<Class<?>> run =
        WorkflowImplementations.all().stream()
            .flatMap(c -> Arrays.stream(c.getInterfaces()))
            .toList();
    Set<String> implemented =
        classes().stream()
            .filter(c -> c.isInterface() && c.isAnnotationPresent(WorkflowInterface.class))
            .filter(c -> run.stream().anyMatch(i -> i.isAssignableFrom(c)))
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(
        interfaces,
        implemented,
        "every @WorkflowInterface needs a registered implementation (its package's PROCEDURE in"
            + " runbook/Runbook.java, or WorkflowImplementations.SUPPORT)");
  }

  @Test
  void everyProcedureDefinedInTheTreeIsInTheRunbook() throws Exception {
    int defined = 0;
    for (Class<?> c : classes()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == Procedure.class && Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          defined++;
          assertTrue(
              Runbook.procedures().contains((Procedure<?, ?>) f.get(null)),
              c.getName()
                  + "."
                  + f.getName()
                  + " is defined but not in runbook/Runbook.java: add it");
        }
      }
    }
    assertEquals(Runbook.procedures().size(), defined, "one definition per procedure");
  }

  @Test
  void keysCommandsAndWorkflowTypesNameOneProcedureEach() {
    List<Procedure<?, ?>> all = Runbook.procedures();
    assertEquals(all.size(), all.stream().map(Procedure::key).distinct().count());
    assertEquals(all.size(), all.stream().map(Procedure::command).distinct().count());
    assertEquals(all.size(), all.stream().map(Procedure::workflowType).distinct().count());
    for (Procedure<?, ?> p : all) {
      assertEquals(p, Runbook.ofKey(p.key()).orElseThrow());
      assertEquals(p, Runbook.ofWorkflowType(p.workflowType()).orElseThrow());
      assertTrue(
          Arrays.stream(p.implementation().getInterfaces())
              .anyMatch(i -> i.isAssignableFrom(p.workflowInterface())),
          p.key() + ": the implementation runs the workflow interface or one it extends");
      assertTrue(p.key().matches("[a-z][a-z0-9-]*"), "a key is part of every run id: " + p.key());
    }
  }

  /**
   * The mapping reads the result the workflow method returns, under the procedure's own key and
   * title.
   */
  @Test
  void everyProcedureHasTheReportMappingOfItsResult() {
    for (Procedure<?, ?> p : Runbook.procedures()) {
      Method run =
          Arrays.stream(p.workflowInterface().getMethods())
              .filter(m -> m.isAnnotationPresent(WorkflowMethod.class))
              .findFirst()
              .orElseThrow();
      assertEquals(run.getReturnType(), p.resultType(), p.key());
      assertEquals(p.key(), p.report().procedure(), "one name per procedure: " + p.key());
      assertEquals(p.title(), p.report().title(), p.key());
    }
  }

  @Test
  void everyProcedureHasARecordedHistory() throws IOException {
    Set<String> recorded = recordedWorkflowTypes();
    Set<String> missing =
        Runbook.procedures().stream()
            .map(Procedure::workflowType)
            .filter(t -> !recorded.contains(t))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        Set.of(), missing, "record a history (replay/Histories.record) for every procedure");
  }

  /**
   * Workflow code tags its runs and names its resources with its key without depending on the
   * registry (which depends on every procedure): where it keeps the key as a constant, the constant
   * must be the registry's.
   */
  @Test
  void aProcedureThatNamesItsKeyNamesTheRegistrysKey() throws ReflectiveOperationException {
    int checked = 0;
    for (Procedure<?, ?> p : Runbook.procedures()) {
      for (Field f : p.implementation().getDeclaredFields()) {
        if (f.getName().equals("PROCEDURE")
            && Modifier.isStatic(f.getModifiers())
            && f.getType() == String.class) {
          f.setAccessible(true);
          assertEquals(p.key(), f.get(null), p.implementation().getSimpleName() + ".PROCEDURE");
          checked++;
        }
      }
    }
    assertTrue(checked >= 6, "checked " + checked);
    ScheduleSpec.PROCEDURES.forEach(
        k -> assertTrue(Runbook.ofKey(k).isPresent(), "schedulable " + k));
  }

  @Test
  void workflowTypesAreTheNamesTemporalUses() {
    assertEquals("PointInTimeRestore", PointInTimeRestore.PROCEDURE.workflowType());
    assertEquals("DrDrill", DrDrill.PROCEDURE.workflowType());
    assertEquals("IncidentResponse", IncidentResponse.PROCEDURE.workflowType());
  }

  @Test
  void theOneAtATimeRulesAreTheServersLocks() {
    assertEquals(List.of(LockedResource.DNS_RECORD), DnsFailover.PROCEDURE.locks());
    assertEquals(List.of(LockedResource.ECS_SERVICE), EcsServiceRecovery.PROCEDURE.locks());
    assertEquals(List.of(), PointInTimeRestore.PROCEDURE.locks());
    assertEquals(
        "dns-record:api.mycomputer.com", LockedResource.DNS_RECORD.named("api.mycomputer.com"));
  }

  @Test
  void anIncidentLaunchesRecoveriesThatAreProcedures() {
    assertEquals(
        List.of(
            DnsFailover.PROCEDURE,
            PointInTimeRestore.PROCEDURE,
            EcsServiceRecovery.PROCEDURE,
            CorruptedDataRecovery.PROCEDURE),
        Arrays.stream(RecoveryKind.values()).map(RecoveryKind::procedure).toList());
  }

  @Test
  void aFailbackIsTheFailoverProcedureUnderItsOwnKey() {
    assertEquals(DnsFailover.PROCEDURE, Runbook.ofKey(DnsFailover.FAILBACK_KEY).orElseThrow());
    assertTrue(Runbook.ofKey("restore-snapshot").isEmpty(), "a command is not a key");
    assertTrue(
        Runbook.ofWorkflowType("ResourceLock").isEmpty(), "a support workflow is not a procedure");
    assertTrue(Runbook.ofWorkflowType("WriteRunReport").isEmpty(), "nor is the report writer");
  }

  private static Set<String> recordedWorkflowTypes() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(HISTORIES)) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .map(
              f -> {
                try {
                  JsonNode first = json.readTree(f.toFile()).path("events").path(0);
                  return first
                      .path("workflowExecutionStartedEventAttributes")
                      .path("workflowType")
                      .path("name")
                      .asText();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .collect(Collectors.toSet());
    }
  }

  private static List<Class<?>> classes() throws IOException {
    try (Stream<Path> files = Files.walk(CLASSES)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .map(f -> CLASSES.relativize(f).toString().replace(".class", "").replace('/', '.'))
          .map(ProcedureRegistryTest::load)
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ProcedureRegistryTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
