package dev.drrunbooks.aws.cfn;

import dev.drrunbooks.aws.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The project's template directory ({@code deploy/aws}) for tests, and their cleanup of drill
 * stacks.
 */
public final class Templates {
  public static final String DR_TEST_ENVIRONMENT = "dr-test-environment.yaml";

  private Templates() {}

  /**
   * {@code deploy/aws}, found from wherever the tests run (maven runs them in the module
   * directory).
   */
  public static Path dir() {
    Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("deploy").resolve("aws");
      if (Files.isRegularFile(candidate.resolve(DR_TEST_ENVIRONMENT))) return candidate;
    }
    throw new IllegalStateException(
        "deploy/aws/" + DR_TEST_ENVIRONMENT + " not found above " + here);
  }

  /**
   * Deletes a stack a test created, whatever its state, and the template's ECS cluster {@code
   * dr-drill-<drillId>} with any services left in it: moto does not delete an ECS cluster with its
   * stack (AWS does). Only for names the test made up.
   */
  public static void removeStack(AwsClients aws, String region, String stackName, String drillId) {
    try {
      aws.cloudFormation(region).deleteStack(r -> r.stackName(stackName));
    } catch (SdkException ignored) {
      // never created, or already gone
    }
    if (drillId == null) return;
    String cluster = "dr-drill-" + drillId;
    EcsClient ecs = aws.ecs(region);
    try {
      var found = ecs.describeClusters(r -> r.clusters(cluster)).clusters();
      if (found.isEmpty() || !"ACTIVE".equals(found.get(0).status())) return;
      for (String service : ecs.listServices(r -> r.cluster(cluster)).serviceArns()) {
        ecs.deleteService(r -> r.cluster(cluster).service(service).force(true));
      }
      ecs.deleteCluster(r -> r.cluster(cluster));
    } catch (SdkException ignored) {
      // nothing to remove
    }
  }
}
