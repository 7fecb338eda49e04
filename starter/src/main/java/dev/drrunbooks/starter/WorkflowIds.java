package dev.drrunbooks.starter;

import java.security.SecureRandom;

/**
 * The random part of a run id ({@link dev.drrunbooks.runbook.Procedure#runId}): four base-36
 * characters that make two starts of the same procedure and subject in the same second differ.
 * Drawn here, in the starter, because workflow code must not draw random numbers outside {@code
 * Workflow.newRandom()}.
 */
public final class WorkflowIds {
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final int SUFFIX_LENGTH = 4;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WorkflowIds() {}

  /** 36^4 = 1.7 million values: two starts in one second collide once in about 1.7 million. */
  public static String suffix() {
    StringBuilder s = new StringBuilder(SUFFIX_LENGTH);
    for (int i = 0; i < SUFFIX_LENGTH; i++)
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    return s.toString();
  }
}
