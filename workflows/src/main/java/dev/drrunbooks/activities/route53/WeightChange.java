package dev.drrunbooks.activities.route53;

import java.util.List;

/**
 * A submitted change of a record's weights: the Route 53 change id (without {@code /change/}) and
 * the Primary and Secondary sets as they were listed just before, which the change started from.
 */
public record WeightChange(String changeId, List<RecordSetSnapshot> before) {}
