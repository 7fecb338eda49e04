package dev.drrunbooks.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.drrunbooks.image.ImageMain.Program;
import dev.drrunbooks.model.ActivityDefaults;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s, rendered with kustomize (the base and the example overlay) and every file on its own,
 * parsed into fabric8's typed Kubernetes objects with no field left over, then held to what the
 * worker, the gateway and the image need: replicas and disruption budget, a grace period longer
 * than the worker's shutdown, probes on the ops port, secrets only by reference, IRSA, non-root.
 */
class KubernetesManifestsTest {
  private static final Path ROOT = Path.of(System.getProperty("dr.repo.root", ".."));
  private static final Path K8S = ROOT.resolve("deploy/k8s");
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Pattern SECRET_NAME =
      // what holds a credential (a webhook URL carries its token); not DR_DB_SECRET_ID, a secret's
      // ARN
      Pattern.compile(".*(SECRET|PASSWORD|TOKEN|API_KEY|ROUTING_KEY|WEBHOOK|WEBHOOK_URL)");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final String PLACEHOLDER_ACCOUNT = "000000000000";
  private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

  @Test
  void everyManifestFileParsesIntoTypedObjectsWithNoUnknownField() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(K8S)) {
      files =
          walk.filter(p -> p.toString().endsWith(".yaml"))
              .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
              .sorted()
              .toList();
    }
    assertTrue(files.size() >= 6, "manifests under " + K8S + ": " + files);
    for (Path file : files) {
      List<HasMetadata> objects = parse(Files.readString(file), ROOT.relativize(file).toString());
      assertFalse(objects.isEmpty(), file + " holds no object");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/example"})
  void theWorkerRunsTwoReplicasOfWhichADrainLeavesOne(String dir) throws Exception {
    Deployment worker = deployment(dir, Program.WORKER);
    assertEquals(2, worker.getSpec().getReplicas());
    assertEquals(
        new IntOrString(0),
        worker.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable(),
        "a rollout must not take a poller away before its replacement polls");
    List<PodDisruptionBudget> budgets = all(dir, PodDisruptionBudget.class);
    List<PodDisruptionBudget> forWorker =
        budgets.stream()
            .filter(b -> selects(b.getSpec().getSelector().getMatchLabels(), worker))
            .toList();
    assertEquals(1, forWorker.size(), "one PodDisruptionBudget selects the worker's pods");
    assertEquals(new IntOrString(1), forWorker.get(0).getSpec().getMinAvailable());
    Deployment gateway = deployment(dir, Program.GATEWAY);
    assertFalse(
        selects(forWorker.get(0).getSpec().getSelector().getMatchLabels(), gateway),
        "the worker's budget must not count gateway pods");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/example"})
  void theWorkerGetsLongerToStopThanItsShutdownWaitAndAHeartbeatTimeout(String dir)
      throws Exception {
    long grace =
        deployment(dir, Program.WORKER)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getTerminationGracePeriodSeconds();
    Duration shutdownWait = workerShutdownWait();
    assertTrue(
        grace > shutdownWait.toSeconds() + 10,
        "terminationGracePeriodSeconds "
            + grace
            + " must exceed WorkerMain's wait for running activities ("
            + shutdownWait
            + ") with room to close the connections, or the kubelet kills them mid-call");
    assertTrue(grace > ActivityDefaults.HEARTBEAT_TIMEOUT.toSeconds());
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/example"})
  void eachDeploymentRunsItsProgramWithProbesOnTheOpsPort(String dir) throws Exception {
    for (Program program : Program.values()) {
      Container c = container(deployment(dir, program));
      assertEquals(List.of(program.name().toLowerCase()), c.getArgs(), c.getName() + " args");
      HTTPGetAction live = c.getLivenessProbe().getHttpGet();
      HTTPGetAction ready = c.getReadinessProbe().getHttpGet();
      assertEquals("/healthz", live.getPath(), c.getName() + " liveness");
      assertEquals("/readyz", ready.getPath(), c.getName() + " readiness");
      assertEquals(ImageContract.OPS_PORT, port(c, live.getPort()), c.getName() + " liveness");
      assertEquals(ImageContract.OPS_PORT, port(c, ready.getPort()), c.getName() + " readiness");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/example"})
  void theGatewayServiceReachesTheGatewayPortOfGatewayPodsOnly(String dir) throws Exception {
    Deployment gateway = deployment(dir, Program.GATEWAY);
    Container c = container(gateway);
    List<Service> services =
        all(dir, Service.class).stream()
            .filter(s -> selects(s.getSpec().getSelector(), gateway))
            .toList();
    assertEquals(1, services.size(), "one Service selects the gateway");
    assertFalse(selects(services.get(0).getSpec().getSelector(), deployment(dir, Program.WORKER)));
    assertEquals(1, services.get(0).getSpec().getPorts().size());
    assertEquals(
        ImageContract.GATEWAY_PORT,
        port(c, services.get(0).getSpec().getPorts().get(0).getTargetPort()));
    assertTrue(
        envNames(c).stream().noneMatch(n -> n.equals("DR_GATEWAY_PORT")),
        "the gateway keeps the image's DR_GATEWAY_PORT, which the Service points at");
    assertEquals(1, gateway.getSpec().getReplicas(), "the replay store is in memory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/example"})
  void secretsAreOnlyReferencedNeverCommitted(String dir) throws Exception {
    assertTrue(all(dir, Secret.class).isEmpty(), "a Secret object carries values: none in git");
    for (ConfigMap map : all(dir, ConfigMap.class)) {
      for (String key : map.getData().keySet()) {
        assertFalse(
            SECRET_NAME.matcher(key).matches(),
            map.getMetadata().getName() + " holds " + key + ": a secret goes in the Secret");
      }
    }
    int referenced = 0;
    for (Program program : Program.values()) {
      for (EnvVar env : container(deployment(dir, program)).getEnv()) {
        if (!SECRET_NAME.matcher(env.getName()).matches()) continue;
        assertTrue(env.getValue() == null, env.getName() + " has a value in the manifest");
        assertNotNull(
            env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef(),
            env.getName() + " must come from a secretKeyRef");
        referenced++;
      }
    }
    assertTrue(referenced >= 6, "secret references: " + referenced);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/example"})
  void eachDeploymentRunsAsItsOwnIrsaServiceAccount(String dir) throws Exception {
    List<String> names = new ArrayList<>();
    for (Program program : Program.values()) {
      String name =
          deployment(dir, program).getSpec().getTemplate().getSpec().getServiceAccountName();
      ServiceAccount account =
          all(dir, ServiceAccount.class).stream()
              .filter(a -> a.getMetadata().getName().equals(name))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no ServiceAccount " + name));
      String arn = account.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn");
      assertNotNull(arn, name + " has no eks.amazonaws.com/role-arn");
      assertTrue(ROLE_ARN.matcher(arn).matches(), name + ": " + arn);
      if (dir.startsWith("overlays/")) {
        assertFalse(arn.contains(PLACEHOLDER_ACCOUNT), dir + " keeps the base's role " + arn);
      }
      names.add(name);
    }
    assertEquals(names.size(), names.stream().distinct().count(), "one role each: " + names);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/example"})
  void podsRunAsTheImageUserWithNothingWritableButTheirVolumes(String dir) throws Exception {
    for (Program program : Program.values()) {
      PodSpec pod = deployment(dir, program).getSpec().getTemplate().getSpec();
      PodSecurityContext podSecurity = pod.getSecurityContext();
      assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot(), program + " runAsNonRoot");
      assertEquals(ImageContract.UID, podSecurity.getRunAsUser(), program + " runAsUser");
      assertEquals(ImageContract.UID, podSecurity.getRunAsGroup(), program + " runAsGroup");
      Container c = container(deployment(dir, program));
      SecurityContext security = c.getSecurityContext();
      assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), program.name());
      assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), program.name());
      assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), program.name());
      List<String> writable = new ArrayList<>(List.of("/tmp"));
      if (program == Program.WORKER) writable.add(ImageContract.REPORT_DIR);
      for (String path : writable) {
        VolumeMount mount = mountAt(c, path);
        Volume volume = volume(pod, mount.getName());
        assertNotNull(volume.getEmptyDir(), program + ": " + path + " is not a writable emptyDir");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/example"})
  void everyContainerHasRequestsAndLimits(String dir) throws Exception {
    for (Program program : Program.values()) {
      Container c = container(deployment(dir, program));
      Map<String, Quantity> requests = c.getResources().getRequests();
      Map<String, Quantity> limits = c.getResources().getLimits();
      for (String resource : List.of("cpu", "memory")) {
        assertNotNull(requests.get(resource), program + " requests " + resource);
        assertNotNull(limits.get(resource), program + " limits " + resource);
        assertTrue(
            limits
                    .get(resource)
                    .getNumericalAmount()
                    .compareTo(requests.get(resource).getNumericalAmount())
                >= 0,
            program + " " + resource + ": limit below request");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/example"})
  void bothProgramsReadTheRepositorysCatalogFromItsConfigMap(String dir) throws Exception {
    String catalog = Files.readString(ROOT.resolve("deploy/catalog/mycomputer.yaml"));
    for (Program program : Program.values()) {
      Deployment d = deployment(dir, program);
      Container c = container(d);
      String path = env(dir, c, "DR_CATALOG").orElseThrow(() -> new AssertionError("DR_CATALOG"));
      VolumeMount mount = mountAt(c, path);
      Volume volume = volume(d.getSpec().getTemplate().getSpec(), mount.getName());
      assertNotNull(volume.getConfigMap(), program + ": " + path + " is not from a ConfigMap");
      ConfigMap map = configMap(dir, volume.getConfigMap().getName());
      String key = Path.of(mount.getMountPath()).relativize(Path.of(path)).toString();
      assertEquals(catalog, map.getData().get(key), program + ": the catalog in " + path);
    }
  }

  @Test
  void theExampleOverlayNamesItsNamespaceImageAndTemporal() throws Exception {
    String dir = "overlays/example";
    List<HasMetadata> objects = rendered(dir);
    String namespace = all(dir, Namespace.class).get(0).getMetadata().getName();
    for (HasMetadata o : objects) {
      if (o instanceof Namespace) continue;
      assertEquals(namespace, o.getMetadata().getNamespace(), o.getKind() + " " + name(o));
    }
    for (Program program : Program.values()) {
      Container c = container(deployment(dir, program));
      assertTrue(c.getImage().matches("[\\w.-]+(:\\d+)?/[\\w./-]+:[\\w.-]+"), c.getImage());
      assertNotEquals(
          env("base", container(deployment("base", program)), "TEMPORAL_ADDRESS"),
          env(dir, c, "TEMPORAL_ADDRESS"),
          "the overlay's Temporal");
    }
  }

  // ---- reading ----------------------------------------------------------------------------------

  private static List<HasMetadata> rendered(String dir) {
    return RENDERED.computeIfAbsent(dir, d -> parse(kustomize(K8S.resolve(d)), "kustomize " + d));
  }

  private static String kustomize(Path dir) {
    Path binary = Path.of(System.getProperty("dr.kustomize", ".sandbox/bin/kustomize"));
    if (!Files.isExecutable(binary)) {
      fail("no kustomize at " + binary + ": run deploy/k8s/ensure-kustomize");
    }
    try {
      Path err = Files.createTempFile("kustomize", ".err");
      Process p =
          new ProcessBuilder(binary.toString(), "build", dir.toString())
              .redirectError(err.toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        fail("kustomize build " + dir + " failed: " + Files.readString(err));
      }
      Files.delete(err);
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Each YAML document as its typed object; a kind fabric8 does not know or a stray field fails.
   */
  private static List<HasMetadata> parse(String yaml, String source) {
    List<HasMetadata> objects = new ArrayList<>();
    try (var docs =
        YAML.readerFor(JsonNode.class).readValues(new YAMLFactory().createParser(yaml))) {
      while (docs.hasNext()) {
        JsonNode doc = (JsonNode) docs.next();
        if (doc == null || doc.isNull() || doc.isEmpty()) continue;
        KubernetesResource typed = YAML.treeToValue(doc, KubernetesResource.class);
        if (!(typed instanceof HasMetadata object)
            || typed.getClass().getSimpleName().equals("GenericKubernetesResource")) {
          throw new AssertionError(source + ": " + doc.get("kind") + " is not a typed object");
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(object, object.getKind() + " " + name(object), unknown);
        assertTrue(unknown.isEmpty(), source + ": fields Kubernetes does not have: " + unknown);
        objects.add(object);
      }
    } catch (IOException e) {
      throw new AssertionError(source + ": " + e.getMessage(), e);
    }
    return objects;
  }

  /** fabric8 keeps a field its model lacks (a typo, a wrong indent) in additionalProperties. */
  private static void unknownFields(Object o, String path, List<String> found) {
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) unknownFields(e, path + "[" + i++ + "]", found);
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> unknownFields(v, path + "." + k, found));
      return;
    }
    if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) return;
    for (Method getter : o.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")) continue;
      if (getter.getDeclaringClass() == Object.class
          || getter.getName().equals("getNumericalAmount")) continue;
      Object value;
      try {
        value = getter.invoke(o);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(path + "." + getter.getName(), e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          found.add(path + ": " + extra.keySet());
        }
      } else {
        unknownFields(value, path + "." + getter.getName().substring(3), found);
      }
    }
  }

  private static <T extends HasMetadata> List<T> all(String dir, Class<T> type) {
    return rendered(dir).stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The Deployment that runs the program: the one whose container's first argument names it. */
  private static Deployment deployment(String dir, Program program) {
    List<Deployment> found =
        all(dir, Deployment.class).stream()
            .filter(d -> container(d).getArgs().get(0).equals(program.name().toLowerCase()))
            .toList();
    assertEquals(1, found.size(), dir + ": Deployments running " + program);
    return found.get(0);
  }

  private static Container container(Deployment d) {
    List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
    assertEquals(1, containers.size(), name(d) + " containers");
    return containers.get(0);
  }

  private static ConfigMap configMap(String dir, String name) {
    return all(dir, ConfigMap.class).stream()
        .filter(m -> m.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(dir + ": no ConfigMap " + name));
  }

  /** A variable as the container sees it: its env first, then its ConfigMaps (envFrom). */
  private static Optional<String> env(String dir, Container c, String name) {
    for (EnvVar e : c.getEnv()) {
      if (e.getName().equals(name)) return Optional.ofNullable(e.getValue());
    }
    return c.getEnvFrom().stream()
        .filter(f -> f.getConfigMapRef() != null)
        .map(f -> configMap(dir, f.getConfigMapRef().getName()).getData().get(name))
        .filter(v -> v != null)
        .reduce((first, later) -> later);
  }

  private static List<String> envNames(Container c) {
    return c.getEnv().stream().map(EnvVar::getName).toList();
  }

  private static int port(Container c, IntOrString port) {
    if (port.getIntVal() != null) return port.getIntVal();
    return c.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no port " + port.getStrVal()));
  }

  private static VolumeMount mountAt(Container c, String path) {
    return c.getVolumeMounts().stream()
        .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + ": nothing mounted at " + path));
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  private static boolean selects(Map<String, String> selector, Deployment d) {
    Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
    return selector != null
        && !selector.isEmpty()
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private static String name(HasMetadata o) {
    return o.getMetadata() == null ? "?" : o.getMetadata().getName();
  }

  /** WorkerMain's wait for running activities on SIGTERM, read from its source. */
  private static Duration workerShutdownWait() throws IOException {
    String source =
        Files.readString(
            ROOT.resolve("worker/src/main/java/dev/drrunbooks/worker/WorkerMain.java"));
    Matcher m = Pattern.compile("awaitTermination\\((\\d+), TimeUnit\\.SECONDS\\)").matcher(source);
    if (!m.find()) {
      fail(
          "WorkerMain no longer waits with awaitTermination(N, TimeUnit.SECONDS): read its"
              + " shutdown wait here another way");
    }
    return Duration.ofSeconds(Long.parseLong(m.group(1)));
  }
}
