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
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * What the benchmark's runs left behind: RDS instances and snapshots in the emulator that a run
 * created (tagged {@value Ownership#WORKFLOW_TAG} with one of the runs' ids, or named as one of
 * their validation instances), and the sandbox databases standing in for those instances.
 */
final class Leftovers {
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
                      || ours(s.tagList(), workflowIds))
                    left.add("rds snapshot " + region + "/" + s.dbSnapshotIdentifier());
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

  private static boolean ours(List<Tag> tags, Set<String> workflowIds) {
    return tags.stream()
        .anyMatch(t -> Ownership.WORKFLOW_TAG.equals(t.key()) && workflowIds.contains(t.value()));
  }
}
