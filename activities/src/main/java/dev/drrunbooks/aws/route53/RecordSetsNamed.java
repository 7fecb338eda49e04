package dev.drrunbooks.aws.route53;

import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The record sets of one name (optionally one type) in a hosted zone, every set identifier: the
 * SDK's ListResourceRecordSets paginator from that name (and type) on. Route 53 lists sets in name
 * then type order, so the first set of another name or type ends the read, and no further page is
 * fetched (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListResourceRecordSets.html:
 * "sorted by name and type"; NextRecordName/Type/Identifier page through sets sharing a name).
 * Names compare as Route 53 answers them: lower case, with the trailing dot, octal escapes such as
 * {@code \052} for {@code *} read as the character.
 */
public final class RecordSetsNamed {
  private RecordSetsNamed() {}

  /**
   * @param type the record type (A, CNAME, ...); null: every type of the name
   * @throws software.amazon.awssdk.core.exception.SdkException as the client throws it
   */
  public static List<ResourceRecordSet> read(
      Route53Client route53, String zoneId, String name, String type) {
    String wanted = fqdn(name);
    String wantedType = type == null ? null : type.trim().toUpperCase(Locale.ROOT);
    return route53
        .listResourceRecordSetsPaginator(
            r -> r.hostedZoneId(zoneId).startRecordName(wanted).startRecordType(wantedType))
        .resourceRecordSets()
        .stream()
        .takeWhile(
            s ->
                fqdn(unescape(s.name())).equals(wanted)
                    && (wantedType == null || wantedType.equals(s.typeAsString())))
        .toList();
  }

  /** Lower case with the trailing dot: how Route 53 names compare. */
  public static String fqdn(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  /** Route 53's octal escapes ({@code \052} for {@code *}) as the characters they stand for. */
  public static String unescape(String name) {
    if (name == null || name.indexOf('\\') < 0) return name;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 3 < name.length() && name.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
