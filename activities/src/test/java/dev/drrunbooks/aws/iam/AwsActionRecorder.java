package dev.drrunbooks.aws.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the IAM action of every AWS call production code makes in a test JVM, for the worker
 * policy's coverage check (deploy/aws/iam). Installed in every SDK client of the test JVMs of
 * activities, sandbox, starter and gateway through the SDK's global interceptor file
 * (src/test/resources/software/amazon/awssdk/global/handlers/execution.interceptors, see
 * https://sdk.amazonaws.com/java/api/latest/software/amazon/awssdk/core/interceptor/ExecutionInterceptor.html
 * "Global Interceptors"), so nothing in production code knows of it.
 *
 * <p>A call is attributed to the first dev.drrunbooks frame on its stack below the SDK (and below
 * AwsClients, which only builds clients): a class from test sources (a test's own set-up or
 * clean-up) is not recorded; a production class is, with its name, in {@code
 * target/aws-actions/<pid>-<nanos>.tsv} of the module whose tests run ({@code action<TAB>caller}).
 * The file is appended as each new pair is first seen, so a JVM that dies loses nothing.
 */
public final class AwsActionRecorder implements ExecutionInterceptor {
  /** Where recordings go, relative to the module directory surefire runs in. */
  public static final Path DIR = Path.of("target", "aws-actions");

  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
  private static final List<Call> RECENT = new CopyOnWriteArrayList<>();
  private static final Object FILE_LOCK = new Object();
  private static volatile Path file;

  /** One production call: its IAM action, the class that made it and the request sent. */
  public record Call(String action, String caller, SdkRequest request) {}

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (service == null || operation == null) return;
    String caller = productionCaller();
    if (caller == null) return;
    String action = IamActionNames.of(service, operation);
    if (RECENT.size() > 5_000) RECENT.clear();
    RECENT.add(new Call(action, caller, context.request()));
    if (SEEN.add(action + "\t" + caller)) append(action + "\t" + caller + "\n");
  }

  /** Production calls seen in this JVM (the latest few thousand), oldest first. */
  public static List<Call> recentCalls() {
    return new ArrayList<>(RECENT);
  }

  /** The first project class below the SDK on this thread's stack, or null if it is test code. */
  static String productionCaller() {
    for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
      String cls = frame.getClassName();
      if (!cls.startsWith("dev.drrunbooks.")) continue;
      if (cls.equals(AwsActionRecorder.class.getName())
          || cls.startsWith("dev.drrunbooks.aws.AwsClients")) continue;
      return isTestClass(cls) ? null : cls;
    }
    return null;
  }

  private static boolean isTestClass(String className) {
    try {
      Class<?> c = Class.forName(className, false, AwsActionRecorder.class.getClassLoader());
      CodeSource source = c.getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      String where = location == null ? "" : location.getPath();
      return where.contains("/test-classes") || where.endsWith("-tests.jar");
    } catch (ClassNotFoundException | LinkageError e) {
      return true; // not resolvable here: not production code on this class path
    }
  }

  private static void append(String line) {
    synchronized (FILE_LOCK) {
      try {
        if (file == null) {
          Files.createDirectories(DIR);
          file = DIR.resolve(ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tsv");
        }
        Files.writeString(
            file,
            line,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("recording AWS actions in " + DIR.toAbsolutePath(), e);
      }
    }
  }
}
