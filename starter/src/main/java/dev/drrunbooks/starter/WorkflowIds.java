package dev.drrunbooks.starter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Workflow ids an operator can read and type: procedure, subject, UTC start time (backup-policy-audit-all-20261127T1230Z). */
public final class WorkflowIds {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

  private WorkflowIds() {}

  public static String of(String procedure, String subject, Instant at) {
    return procedure + "-" + subject + "-" + STAMP.format(at);
  }
}
