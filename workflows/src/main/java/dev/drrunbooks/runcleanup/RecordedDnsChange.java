package dev.drrunbooks.runcleanup;

/**
 * A DNS weight change a run recorded in its history (a completed Route 53 change of a failover).
 * Listed with the command that reverts it, never reverted by a clean-up: traffic is moved back by a
 * person.
 *
 * @param workflowId the failover run that made it
 * @param service the catalog service key, e.g. {@code api}
 * @param record the record name, e.g. {@code api.mycomputer.com}
 * @param weights what it set, e.g. {@code Primary 0 / Secondary 100}
 * @param revertCommand e.g. {@code dr failback --service api}
 */
public record RecordedDnsChange(
    String workflowId, String service, String record, String weights, String revertCommand) {}
