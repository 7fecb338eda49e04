package dev.drrunbooks.activities.pointer;

import java.util.Map;

/**
 * A database pointer as read.
 *
 * @param kind "cname" or "parameter"
 * @param name the record's name (no trailing dot) or the parameter's name
 * @param region where a parameter was read; null for a CNAME (Route 53 is global)
 * @param value the CNAME's single value (no trailing dot) or the parameter's value: the endpoint
 *     the application connects to, e.g. mycomputer-payments-db.abc123.eu-west-1.rds.amazonaws.com
 * @param kept every other field the failover keeps, by name (a CNAME's TTL, SetIdentifier, Weight,
 *     Region, Failover, HealthCheckId...; a parameter's Type, Tier, DataType, Description...),
 *     compared before and after a move
 * @param version the parameter's version; null for a CNAME
 */
public record PointerValue(
    String kind, String name, String region, String value, Map<String, String> kept, Long version) {

  public PointerValue {
    kept = kept == null ? Map.of() : Map.copyOf(kept);
  }

  /** For messages and reports: "CNAME payments-db.mycomputer.internal -> host". */
  public String describe() {
    return ("cname".equals(kind) ? "CNAME " : "parameter ")
        + name
        + (region == null ? "" : " (" + region + ")")
        + " -> "
        + value;
  }
}
