package dev.drrunbooks.aws.pointer;

import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.aws.route53.RecordSetsNamed;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A database pointer that is a Route 53 CNAME record: exactly one record set of its name and type
 * CNAME, with one value.
 *
 * <p>The zone is the catalog's {@code hostedZone}, else the zone whose name the record ends with
 * (the longest such name), found with ListHostedZonesByName, which lists private zones as public
 * ones (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZonesByName.html).
 * Several zones of that name (a private zone per VPC, a public and a private one) are refused: the
 * catalog cannot say which one the application resolves.
 *
 * <p>The move is a compare-and-set Route 53 itself enforces: one change batch that DELETEs the set
 * exactly as listed and CREATEs it with only its value changed. A DELETE must match the set's
 * current values, and a batch is applied whole or not at all, so if anyone changed the set since it
 * was read Route 53 refuses the batch (InvalidChangeBatch) and nothing changes
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html). An
 * UPSERT would silently overwrite such a change. Every field is sent back, since the set is
 * replaced by what is sent: a field left out (TTL, HealthCheckId, a routing policy) would be lost.
 * {@code kept} is every field of the set but its name, type and value, by API member name, taken
 * from the SDK model's field list so a field AWS adds later is kept and compared too.
 */
final class CnamePointer implements PointerSide<CnamePointer.Listed> {
  static final String CNAME = "CNAME";

  /** Fields that are not "kept": what identifies the set, and the value the move changes. */
  private static final Set<String> NOT_KEPT = Set.of("Name", "Type", "ResourceRecords");

  /** Route 53 errors that asking again will not fix, beyond those {@link AwsFailures} knows. */
  private static final Set<String> PERMANENT =
      Set.of("InvalidChangeBatch", "InvalidInput", "InvalidDomainName", "NoSuchHostedZone");

  /** The set as listed, in its zone: what the UPSERT sends back. */
  record Listed(String zoneId, String zoneName, ResourceRecordSet set) {}

  private final Supplier<Route53Client> route53;
  private final String name;
  private final String hostedZone;

  /**
   * @param name the record's name, with or without the trailing dot
   * @param hostedZoneOrNull the zone's name from the catalog; null: the zone the name ends with
   */
  CnamePointer(Supplier<Route53Client> route53, String name, String hostedZoneOrNull) {
    this.route53 = route53;
    this.name = PointerValues.withoutDot(name.trim());
    this.hostedZone = hostedZoneOrNull == null ? null : PointerValues.withoutDot(hostedZoneOrNull);
  }

  @Override
  public Reading<Listed> read() {
    HostedZone zone = zone();
    String zoneId = stripPrefix(zone.id(), "/hostedzone/");
    String zoneName = PointerValues.withoutDot(zone.name());
    List<ResourceRecordSet> atName = setsNamed(zoneId);
    List<ResourceRecordSet> cnames =
        atName.stream().filter(s -> CNAME.equals(s.typeAsString())).toList();
    String what = "CNAME " + name + " in zone " + zoneName + " (" + zoneId + ")";
    if (cnames.isEmpty()) {
      Set<String> others = new TreeSet<>();
      atName.forEach(s -> others.add(s.typeAsString()));
      throw PointerFailures.notFound(
          what
              + " not found"
              + (others.isEmpty() ? "" : " (the name has record sets of type " + others + ")"));
    }
    if (cnames.size() > 1) {
      List<String> ids = cnames.stream().map(s -> String.valueOf(s.setIdentifier())).toList();
      throw PointerFailures.notSimple(
          what, "has " + cnames.size() + " record sets (set identifiers " + ids + ")");
    }
    ResourceRecordSet set = cnames.get(0);
    if (set.aliasTarget() != null) {
      throw PointerFailures.notSimple(
          what, "is an alias to " + set.aliasTarget().dnsName() + ", not a value");
    }
    List<ResourceRecord> values = set.hasResourceRecords() ? set.resourceRecords() : List.of();
    if (values.size() != 1) {
      throw PointerFailures.notSimple(what, "has " + values.size() + " values, not one");
    }
    PointerValue value =
        new PointerValue(
            "cname", name, null, PointerValues.withoutDot(values.get(0).value()), kept(set), null);
    return new Reading<>(value, new Listed(zoneId, zoneName, set));
  }

  /**
   * The set as listed DELETEd and CREATEd with only its value changed, in one batch; the change's
   * id. A refused batch (the set changed since it was read) is {@link
   * PointerFailures#NOT_AS_EXPECTED}.
   */
  @Override
  public Written write(Reading<Listed> reading, String target) {
    Listed listed = reading.state();
    ResourceRecordSet moved =
        listed.set().toBuilder()
            .resourceRecords(ResourceRecord.builder().value(target).build())
            .build();
    String comment =
        "dr-runbooks: database pointer " + name + " " + reading.value().value() + " -> " + target;
    try {
      ChangeInfo info =
          route53
              .get()
              .changeResourceRecordSets(
                  r ->
                      r.hostedZoneId(listed.zoneId())
                          .changeBatch(
                              b ->
                                  b.comment(comment)
                                      .changes(
                                          c ->
                                              c.action(ChangeAction.DELETE)
                                                  .resourceRecordSet(listed.set()),
                                          c ->
                                              c.action(ChangeAction.CREATE)
                                                  .resourceRecordSet(moved))))
              .changeInfo();
      return new Written(stripPrefix(info.id(), "/change/"), null);
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null
          && "InvalidChangeBatch".equals(e.awsErrorDetails().errorCode()))
        throw PointerFailures.changedSinceRead(
            reading.value(), target, e.awsErrorDetails().errorMessage());
      throw translate(e, "change-resource-record-sets " + name + " in " + listed.zoneId());
    } catch (SdkException e) {
      throw translate(e, "change-resource-record-sets " + name + " in " + listed.zoneId());
    }
  }

  /** Every field of the set but name, type and value, as text by API member name. */
  static Map<String, String> kept(ResourceRecordSet set) {
    Map<String, String> out = new TreeMap<>();
    flatten("", set, out);
    NOT_KEPT.forEach(out::remove);
    return out;
  }

  private static void flatten(String prefix, SdkPojo pojo, Map<String, String> out) {
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value == null || value instanceof SdkAutoConstructList<?>) continue;
      String key = prefix + field.memberName();
      if (value instanceof SdkPojo nested) flatten(key + ".", nested, out);
      else out.put(key, String.valueOf(value));
    }
  }

  // ---- zone -------------------------------------------------------------------------------------

  private HostedZone zone() {
    if (hostedZone != null) {
      List<HostedZone> zones = zonesNamed(hostedZone);
      if (zones.isEmpty())
        throw PointerFailures.notFound("Route 53 hosted zone " + hostedZone + " not found");
      return only(zones, hostedZone);
    }
    // The longest zone name the record ends with: its parent first, then up to the top level.
    String candidate = name;
    while (candidate.indexOf('.') > 0) {
      candidate = candidate.substring(candidate.indexOf('.') + 1);
      List<HostedZone> zones = zonesNamed(candidate);
      if (!zones.isEmpty()) return only(zones, candidate);
    }
    throw PointerFailures.notFound(
        "no Route 53 hosted zone holds " + name + " (none is named after any of its parents)");
  }

  private HostedZone only(List<HostedZone> zones, String zoneName) {
    if (zones.size() == 1) return zones.get(0);
    throw PointerFailures.zoneAmbiguous(
        "Route 53 has "
            + zones.size()
            + " hosted zones named "
            + zoneName
            + " ("
            + String.join(
                ", ",
                zones.stream()
                    .map(
                        z ->
                            stripPrefix(z.id(), "/hostedzone/")
                                + (z.config() != null
                                        && Boolean.TRUE.equals(z.config().privateZone())
                                    ? " private"
                                    : " public"))
                    .toList())
            + "): the database pointer "
            + name
            + " cannot tell which one the application resolves");
  }

  /** The zones named exactly {@code zoneName}, public and private. */
  private List<HostedZone> zonesNamed(String zoneName) {
    String wanted = fqdn(zoneName);
    List<HostedZone> out = new ArrayList<>();
    String nextName = wanted;
    String nextId = null;
    try {
      while (true) {
        String startName = nextName;
        String startId = nextId;
        ListHostedZonesByNameResponse page =
            route53.get().listHostedZonesByName(r -> r.dnsName(startName).hostedZoneId(startId));
        for (HostedZone z : page.hostedZones()) {
          // zones come in name order from ours on: another name means ours are all seen
          if (!fqdn(z.name()).equals(wanted)) return out;
          out.add(z);
        }
        if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextDNSName() == null) return out;
        nextName = page.nextDNSName();
        nextId = page.nextHostedZoneId();
      }
    } catch (SdkException e) {
      throw translate(e, "list-hosted-zones-by-name " + zoneName);
    }
  }

  // ---- record sets ------------------------------------------------------------------------------

  /** Every record set of the record's name, any type and set identifier. */
  private List<ResourceRecordSet> setsNamed(String zoneId) {
    try {
      return RecordSetsNamed.read(route53.get(), zoneId, name, null);
    } catch (SdkException e) {
      throw translate(e, "list-resource-record-sets " + name + " in " + zoneId);
    }
  }

  // ---- names and errors -------------------------------------------------------------------------

  /** Lower case with the trailing dot: how Route 53 names compare. */
  private static String fqdn(String n) {
    String s = n.trim().toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s : s + ".";
  }

  private static String stripPrefix(String id, String prefix) {
    return id != null && id.startsWith(prefix) ? id.substring(prefix.length()) : id;
  }

  private static RuntimeException translate(SdkException e, String attempted) {
    if (e instanceof AwsServiceException ase
        && ase.awsErrorDetails() != null
        && !ase.isThrottlingException()
        && ase.statusCode() < 500
        && PERMANENT.contains(ase.awsErrorDetails().errorCode())) {
      return ApplicationFailure.newNonRetryableFailure(
          attempted
              + " failed: "
              + ase.awsErrorDetails().errorCode()
              + ": "
              + ase.awsErrorDetails().errorMessage(),
          "Aws" + ase.awsErrorDetails().errorCode());
    }
    return AwsFailures.translate(e, attempted);
  }
}
