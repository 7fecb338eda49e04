package dev.drrunbooks.aws.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The sets of one name across ListResourceRecordSets pages (Route 53 pages through sets sharing a
 * name with NextRecordIdentifier), stopping at the first set of another name or type without
 * fetching the next page.
 */
class RecordSetsNamedTest {

  @Test
  void everySetOfTheNameAcrossPagesAndNothingPastIt() {
    PagedZone zone =
        new PagedZone(
            List.of(
                page(true, "api.mycomputer.com.", "A", "Secondary", set("api", "A", "Primary")),
                page(
                    true,
                    "www.mycomputer.com.",
                    "A",
                    null,
                    set("api", "A", "Secondary"),
                    set("\\052.mycomputer.com.", "A", null)),
                page(false, null, null, null, set("www", "A", null))));
    List<ResourceRecordSet> sets = RecordSetsNamed.read(zone, "Z1", "API.mycomputer.com", "a");
    assertEquals(
        List.of("Primary", "Secondary"),
        sets.stream().map(ResourceRecordSet::setIdentifier).toList());
    assertEquals(2, zone.requests.size(), "the third page is never fetched");
    assertEquals("api.mycomputer.com.", zone.requests.get(0).startRecordName());
    assertEquals("A", zone.requests.get(0).startRecordTypeAsString());
    assertEquals("Secondary", zone.requests.get(1).startRecordIdentifier(), "the next page asked");
  }

  @Test
  void withoutATypeEveryTypeOfTheNameAndEscapedNamesReadAsRoute53WritesThem() {
    PagedZone zone =
        new PagedZone(
            List.of(
                page(
                    false,
                    null,
                    null,
                    null,
                    set("\\052.mycomputer.com.", "A", null),
                    set("\\052.mycomputer.com.", "TXT", null),
                    set("api", "A", null))));
    List<ResourceRecordSet> sets = RecordSetsNamed.read(zone, "Z1", "*.mycomputer.com", null);
    assertEquals(List.of("A", "TXT"), sets.stream().map(ResourceRecordSet::typeAsString).toList());
    assertEquals(null, zone.requests.get(0).startRecordTypeAsString());
  }

  private static ResourceRecordSet set(String name, String type, String setIdentifier) {
    String fqdn = name.endsWith(".") ? name : name + ".mycomputer.com.";
    return ResourceRecordSet.builder()
        .name(fqdn)
        .type(RRType.fromValue(type))
        .setIdentifier(setIdentifier)
        .build();
  }

  private static ListResourceRecordSetsResponse page(
      boolean truncated,
      String nextName,
      String nextType,
      String nextIdentifier,
      ResourceRecordSet... sets) {
    return ListResourceRecordSetsResponse.builder()
        .resourceRecordSets(sets)
        .isTruncated(truncated)
        .nextRecordName(nextName)
        .nextRecordType(nextType)
        .nextRecordIdentifier(nextIdentifier)
        .maxItems("2")
        .build();
  }

  /** Answers the scripted pages in order, whatever is asked, and keeps the requests. */
  private static final class PagedZone implements Route53Client {
    private final List<ListResourceRecordSetsResponse> pages;
    final List<ListResourceRecordSetsRequest> requests = new ArrayList<>();

    PagedZone(List<ListResourceRecordSetsResponse> pages) {
      this.pages = pages;
    }

    @Override
    public ListResourceRecordSetsResponse listResourceRecordSets(
        ListResourceRecordSetsRequest request) {
      requests.add(request);
      return pages.get(requests.size() - 1);
    }

    @Override
    public String serviceName() {
      return "route53";
    }

    @Override
    public void close() {}
  }
}
