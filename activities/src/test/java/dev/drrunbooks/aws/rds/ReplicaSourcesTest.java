package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplicaSourcesTest {
  private static final String ARN = "arn:aws:rds:eu-west-1:123456789012:db:payments";

  @Test
  void anArnIsTheSameAsItselfAndAsTheBareNameInItsOwnRegionOnly() {
    assertTrue(ReplicaSources.same(ARN, ARN, "eu-central-1"));
    assertTrue(ReplicaSources.same("payments", ARN, "eu-west-1"));
    assertTrue(ReplicaSources.same(ARN, "payments", "eu-west-1"));
    assertFalse(ReplicaSources.same("payments", ARN, "eu-central-1"), "another region's");
    assertFalse(
        ReplicaSources.same(ARN, "arn:aws:rds:eu-west-1:210987654321:db:payments", "eu-west-1"),
        "another account's");
    assertFalse(ReplicaSources.same(null, ARN, "eu-west-1"), "no source: not a replica");
    assertFalse(ReplicaSources.same(ARN, "arn:aws:rds:eu-west-1:123456789012:db:pay", "x"));
  }
}
