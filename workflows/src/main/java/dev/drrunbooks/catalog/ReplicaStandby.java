package dev.drrunbooks.catalog;

/**
 * A cross-region RDS read replica of the service's instance, promoted on failover
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html).
 *
 * @param instance the replica's DB instance identifier
 * @param region where it runs; null: the catalog's DR region
 */
public record ReplicaStandby(String instance, String region) {}
