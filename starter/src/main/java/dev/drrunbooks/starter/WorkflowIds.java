package dev.drrunbooks.starter;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Workflow ids an operator can read and type, unique per start: procedure, subject, UTC start time
 * to the second and four random base-36 characters ({@code pitr-inventory-20261127T123005Z-k3f9}).
 * The suffix makes two starts in the same second differ; starts also reject a closed id
 * ({@code WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE}), so an id names one run forever.
 */
public final class WorkflowIds {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final int SUFFIX_LENGTH = 4;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WorkflowIds() {}

  public static String of(String procedure, String subject, Instant at) {
    return procedure + "-" + subject + "-" + STAMP.format(at) + "-" + suffix();
  }

  /** 36^4 = 1.7 million values: two starts in one second collide once in about 1.7 million. */
  static String suffix() {
    StringBuilder s = new StringBuilder(SUFFIX_LENGTH);
    for (int i = 0; i < SUFFIX_LENGTH; i++) s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    return s.toString();
  }
}
