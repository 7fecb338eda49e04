package dev.drrunbooks.activities.route53;

/** The weights of a record's Primary and Secondary sets as Route53 has them (null: set missing). */
public record WeightedRecordState(
    String hostedZoneId, String name, Long primaryWeight, Long secondaryWeight) {

  public String describe() {
    return "Primary " + primaryWeight + " / Secondary " + secondaryWeight;
  }
}
