package dev.drrunbooks.sandbox.bench;

import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.sandbox.SandboxDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * What the benchmark's runs left behind: RDS instances and snapshots in the emulator that a run
 * created (tagged {@value Ownership#WORKFLOW_TAG} with one of the runs' ids, or named as one of
 * their validation instances), retained automated backups of their validation instances, and the
 * sandbox databases standing in for those instances.
 *
 * <p>Automated ("rds:") snapshots and retained automated backups are not a run's to delete: they
 * belong to the instance's automated backups, which DeleteDBInstance removes with the instance
 * unless told to retain them (DeleteAutomatedBackups, by default true,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html;
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html).
 * They are still counted, named apart: one left means the delete kept them (a leak on AWS too) or
 * the emulator did (as moto did under load, deploy/local/moto_server_additions.py, addition 6).
 */
final class Leftovers {
  /** DBSnapshot.SnapshotType of an automated snapshot. */
  static final String AUTOMATED = "automated";

  /** DBInstanceAutomatedBackup.Status of the automated backups of a deleted instance. */
  static final String RETAINED = "retained";

  private Leftovers() {}

  /**
   * @param workflowIds the runs' ids
   * @param instances the runs' validation instance ids
   * @return one line per thing left, empty when nothing is
   */
  static List<String> find(
      Collection<String> regions,
      Set<String> workflowIds,
      Set<String> instances,
      SandboxDatabases databases)
      throws SQLException {
    List<String> left = new ArrayList<>();
    for (String region : regions) {
      try (RdsClient rds = RdsClient.builder().region(Region.of(region)).build()) {
        rds.describeDBInstancesPaginator()
            .dbInstances()
            .forEach(
                i -> {
                  if (instances.contains(i.dbInstanceIdentifier())
                      || ours(i.tagList(), workflowIds))
                    left.add("rds instance " + region + "/" + i.dbInstanceIdentifier());
                });
        rds.describeDBSnapshotsPaginator()
            .dbSnapshots()
            .forEach(
                s -> {
                  if (instances.contains(s.dbInstanceIdentifier())
                      || ours(s.tagList(), workflowIds)) left.add(snapshot(region, s));
                });
        rds.describeDBInstanceAutomatedBackupsPaginator()
            .dbInstanceAutomatedBackups()
            .forEach(
                b -> {
                  if (RETAINED.equals(b.status()) && instances.contains(b.dbInstanceIdentifier()))
                    left.add(
                        "rds retained automated backups "
                            + region
                            + "/"
                            + b.dbInstanceIdentifier()
                            + " ("
                            + b.dbiResourceId()
                            + "): its delete kept them");
                });
      }
    }
    Set<String> clones = new java.util.HashSet<>();
    for (String instance : instances) clones.add(SandboxDatabases.cloneName(instance));
    try (Connection c = databases.connect("postgres");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT datname FROM pg_database")) {
      while (rs.next()) {
        if (clones.contains(rs.getString(1))) left.add("sandbox database " + rs.getString(1));
      }
    }
    return left;
  }

  /**
   * One snapshot's line: "rds snapshot REGION/ID" for a manual one, which the run should have
   * deleted; "rds automated snapshot REGION/ID (...)" for an automated one, which only its
   * instance's delete (or the end of its retention) removes.
   */
  static String snapshot(String region, DBSnapshot s) {
    String where = region + "/" + s.dbSnapshotIdentifier();
    if (!AUTOMATED.equals(s.snapshotType())) return "rds snapshot " + where;
    return "rds automated snapshot "
        + where
        + " (goes only with the automated backups of "
        + s.dbInstanceIdentifier()
        + ")";
  }

  private static boolean ours(List<Tag> tags, Set<String> workflowIds) {
    return tags.stream()
        .anyMatch(t -> Ownership.WORKFLOW_TAG.equals(t.key()) && workflowIds.contains(t.value()));
  }
}
