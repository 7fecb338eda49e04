package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Ownership;

/**
 * CreateDBInstance of the reader {@code instanceId} in the secondary cluster {@code clusterId}
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html): its engine
 * is the cluster's, its DBInstanceClass the class of the writer instance of {@code
 * primaryClusterId} in {@code primaryRegion}, so that the standby can carry the primary's load once
 * it writes.
 *
 * @param owner the run creating it: the instance carries its tags and {@link Ownership#KEPT_TAG}
 */
public record SecondaryReaderRequest(
    String region,
    String instanceId,
    String clusterId,
    String primaryRegion,
    String primaryClusterId,
    Ownership owner) {}
