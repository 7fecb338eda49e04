package dev.drrunbooks.report;

import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.approval.GateDecision;
import java.util.List;

/** Sentences and null-safe helpers the procedures' report mappings share. Pure. */
public final class ReportLines {
  private ReportLines() {}

  /** "Approval (switch): APPROVED by ana at ...: why"; null without a decision. */
  public static String approval(GateDecision d) {
    if (d == null) return null;
    return "Approval ("
        + d.step()
        + "): "
        + d.verdict()
        + (d.who() != null ? " by " + d.who() : "")
        + (d.at() != null ? " at " + d.at() : "")
        + (d.why() != null ? ": " + d.why() : "");
  }

  /** "snap-1 of db-1 in eu-west-1 (automated, created ...)". */
  public static String describe(SnapshotInfo s) {
    return s.snapshotId()
        + " of "
        + s.instanceId()
        + " in "
        + s.region()
        + " ("
        + s.type()
        + ", created "
        + s.createdAt()
        + ")";
  }

  /** " at host:port", or "" without a host. */
  public static String endpoint(String host, Integer port) {
    return host == null ? "" : " at " + host + (port == null ? "" : ":" + port);
  }

  /** " as db-2 at host:port; the instance stays up (it is the recovery)". */
  public static String keptAs(String instance, String host, Integer port) {
    return " as "
        + instance
        + endpoint(host, port)
        + "; the instance stays up (it is the recovery)";
  }

  /** The services joined with ", "; "all services" when none were named. */
  public static String join(List<String> services) {
    return services == null || services.isEmpty() ? "all services" : String.join(", ", services);
  }

  public static <T> List<T> nz(List<T> list) {
    return list == null ? List.of() : list;
  }
}
