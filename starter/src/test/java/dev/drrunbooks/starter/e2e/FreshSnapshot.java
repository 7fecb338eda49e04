package dev.drrunbooks.starter.e2e;

import dev.drrunbooks.aws.AwsClients;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A manual snapshot of the sandbox's Inventory instance taken now, deleted on close: the drill
 * restores the newest snapshot and fails when it is older than Inventory's 15-minute RPO, and the
 * seeded ones are as old as the sandbox.
 */
final class FreshSnapshot implements AutoCloseable {
  private final AwsClients aws;
  final String id = "e2e-drill-fresh-" + Long.toString(System.nanoTime(), 36);

  FreshSnapshot(AwsClients aws) {
    this.aws = aws;
    aws.rds("eu-west-1")
        .createDBSnapshot(
            r -> r.dbInstanceIdentifier("mycomputer-inventory-db").dbSnapshotIdentifier(id));
  }

  @Override
  public void close() {
    try {
      aws.rds("eu-west-1").deleteDBSnapshot(r -> r.dbSnapshotIdentifier(id));
    } catch (SdkException ignored) {
      // already gone
    }
  }
}
