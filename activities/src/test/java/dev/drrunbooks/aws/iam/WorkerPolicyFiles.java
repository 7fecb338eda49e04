package dev.drrunbooks.aws.iam;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where deploy/aws/iam is, from any module's test JVM (surefire's dr.repo.root, or upwards). */
public final class WorkerPolicyFiles {
  private WorkerPolicyFiles() {}

  public static Path dir() {
    String root = System.getProperty("dr.repo.root");
    Path start = root == null ? Path.of("").toAbsolutePath() : Path.of(root);
    for (Path p = start; p != null; p = p.getParent()) {
      Path dir = p.resolve("deploy/aws/iam");
      if (Files.isDirectory(dir)) return dir;
    }
    throw new IllegalStateException("deploy/aws/iam not found above " + start);
  }

  public static Path workerPolicy() {
    return dir().resolve("worker-policy.json");
  }

  public static Path unexercised() {
    return dir().resolve("unexercised-actions.json");
  }
}
