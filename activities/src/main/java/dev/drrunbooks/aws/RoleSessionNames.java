package dev.drrunbooks.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A run's workflow id as an STS role session name: AssumeRole takes 2 to 64 characters of letters,
 * digits and {@code _+=,.@-}
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, RoleSessionName). Each
 * other character becomes {@code -}; a longer id keeps its first 55 characters and a hash of the
 * whole id, so two long ids differing only at the end still get different names; a shorter one is
 * padded. The session name appears in CloudTrail as the assumed-role principal, so each AWS call is
 * traceable to the run that made it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html).
 */
public final class RoleSessionNames {
  static final int MAX = 64;

  private RoleSessionNames() {}

  public static String of(String workflowId) {
    String id = workflowId == null || workflowId.isBlank() ? "dr-runbooks" : workflowId;
    String safe = id.replaceAll("[^\\w+=,.@-]", "-");
    if (safe.length() > MAX) safe = safe.substring(0, MAX - 9) + "-" + hash(id);
    if (safe.length() < 2) safe = safe + "-run";
    return safe;
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
