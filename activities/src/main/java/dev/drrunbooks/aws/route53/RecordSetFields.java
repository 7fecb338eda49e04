package dev.drrunbooks.aws.route53;

import dev.drrunbooks.activities.route53.RecordSetSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Every field of a {@link ResourceRecordSet} as text, by the Route 53 API's member name, taken from
 * the SDK model's own field list: a field AWS adds later is compared too, without a change here.
 * Nested structures are flattened ({@code AliasTarget.EvaluateTargetHealth}); lists keep their
 * order ({@code ResourceRecords}). {@code Weight} is kept apart: it is the one field a failover
 * changes.
 */
final class RecordSetFields {
  static final String WEIGHT = "Weight";

  private RecordSetFields() {}

  static RecordSetSnapshot snapshot(ResourceRecordSet set) {
    Map<String, String> fields = new TreeMap<>();
    flatten("", set, fields);
    fields.remove(WEIGHT);
    return new RecordSetSnapshot(set.setIdentifier(), set.weight(), fields);
  }

  /**
   * The fields other than the weight whose value differs, each as {@code Field: 'before' ->
   * 'after'}.
   */
  static List<String> differences(RecordSetSnapshot before, RecordSetSnapshot after) {
    List<String> out = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(before.fields().keySet());
    names.addAll(after.fields().keySet());
    for (String name : names) {
      String was = before.fields().get(name);
      String now = after.fields().get(name);
      if (!Objects.equals(was, now)) out.add(name + ": " + show(was) + " -> " + show(now));
    }
    return out;
  }

  private static String show(String value) {
    return value == null ? "(none)" : "'" + value + "'";
  }

  private static void flatten(String prefix, SdkPojo pojo, Map<String, String> out) {
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value == null) continue;
      String name = prefix + field.memberName();
      if (value instanceof SdkPojo nested) {
        flatten(name + ".", nested, out);
      } else if (value instanceof List<?> list) {
        if (isAutoConstructed(list))
          continue; // the SDK's stand-in for a list the response did not have
        out.put(name, list.stream().map(RecordSetFields::text).toList().toString());
      } else {
        out.put(name, String.valueOf(value));
      }
    }
  }

  private static boolean isAutoConstructed(List<?> list) {
    return list instanceof software.amazon.awssdk.core.util.SdkAutoConstructList;
  }

  private static String text(Object element) {
    if (element instanceof SdkPojo pojo) {
      Map<String, String> fields = new TreeMap<>();
      flatten("", pojo, fields);
      return fields.size() == 1 ? fields.values().iterator().next() : fields.toString();
    }
    return String.valueOf(element);
  }
}
