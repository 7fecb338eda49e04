package dev.drrunbooks.catalog;

/**
 * An Aurora global database: the global cluster, its primary cluster in the primary region and the
 * secondary cluster that takes over
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html).
 *
 * @param globalCluster the global cluster identifier
 * @param primaryCluster the DB cluster identifier of the primary (writer) cluster
 * @param secondaryCluster the DB cluster identifier of the secondary cluster
 * @param secondaryRegion where the secondary runs; null: the catalog's DR region
 */
public record AuroraGlobalStandby(
    String globalCluster, String primaryCluster, String secondaryCluster, String secondaryRegion) {}
