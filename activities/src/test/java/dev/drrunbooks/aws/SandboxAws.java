package dev.drrunbooks.aws;

import dev.drrunbooks.testing.SandboxEnv;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** AWS clients pointed at the sandbox's emulator over HTTP, exactly as the worker builds them. */
public final class SandboxAws {
  private SandboxAws() {}

  public static AwsClients clients() {
    SandboxEnv env = SandboxEnv.get();
    return new AwsClients(
        URI.create(env.require("AWS_ENDPOINT_URL")),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))));
  }

  /** A name no other test run uses, so tests never touch the seeded world or each other. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36);
  }
}
