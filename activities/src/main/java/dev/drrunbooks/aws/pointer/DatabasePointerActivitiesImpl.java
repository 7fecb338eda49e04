package dev.drrunbooks.aws.pointer;

import dev.drrunbooks.activities.pointer.DatabasePointerActivities;
import dev.drrunbooks.activities.pointer.PointerMove;
import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.catalog.DatabasePointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The database pointer's read and compare-and-set move ({@link DatabasePointerActivities}): a Route
 * 53 CNAME ({@link CnamePointer}) or a Parameter Store parameter ({@link ParameterPointer}).
 *
 * <p>The move reads the pointer, returns unchanged when it already holds the target, refuses when
 * it holds anything but the expected value, else writes the target keeping every other field, and
 * reads it back: the target and every kept field as before (and, for a parameter, the version the
 * write created: a later one means someone wrote after us), else {@code PointerChangedElsewhere}.
 * Values compare as host names ({@link PointerValues}); the target is written as given.
 */
public class DatabasePointerActivitiesImpl implements DatabasePointerActivities {
  private static final Logger log = LoggerFactory.getLogger(DatabasePointerActivitiesImpl.class);

  private final Supplier<Route53Client> route53;
  private final Function<String, SsmClient> ssm;

  public DatabasePointerActivitiesImpl(AwsClients aws) {
    this(aws::route53, aws::ssm);
  }

  /**
   * @param route53 the (global) Route 53 client; tests pass a scripted one
   * @param ssm the Systems Manager client of a region
   */
  public DatabasePointerActivitiesImpl(
      Supplier<Route53Client> route53, Function<String, SsmClient> ssm) {
    this.route53 = route53;
    this.ssm = ssm;
  }

  @Override
  public PointerValue read(DatabasePointer pointer, String region) {
    PointerValue value = side(pointer, region).read().value();
    log.info("database pointer {} (kept {})", value.describe(), value.kept());
    return value;
  }

  @Override
  public PointerMove move(DatabasePointer pointer, String region, String expected, String target) {
    require(expected, "expected");
    require(target, "target");
    return move(side(pointer, region), expected.trim(), target.trim());
  }

  private static <S> PointerMove move(PointerSide<S> side, String expected, String target) {
    PointerSide.Reading<S> reading = side.read();
    PointerValue before = reading.value();
    if (PointerValues.same(before.value(), target)) {
      log.info("database pointer {} already at the target: unchanged", before.describe());
      return new PointerMove(before, before, false, null);
    }
    if (!PointerValues.same(before.value(), expected)) {
      throw PointerFailures.notAsExpected(before, expected, target);
    }
    PointerSide.Written written = side.write(reading, target);
    PointerValue after = side.read().value();
    List<String> problems = differences(before, after, target, written);
    if (!problems.isEmpty()) {
      throw PointerFailures.changedElsewhere(before, after, target, String.join("; ", problems));
    }
    log.info(
        "database pointer moved: {} (was {}){}",
        after.describe(),
        before.value(),
        written.changeId() == null ? "" : ", Route 53 change " + written.changeId());
    return new PointerMove(before, after, true, written.changeId());
  }

  /** What the read-back shows that the move did not intend. */
  static List<String> differences(
      PointerValue before, PointerValue after, String target, PointerSide.Written written) {
    List<String> out = new ArrayList<>();
    if (!PointerValues.same(after.value(), target))
      out.add("value is " + after.value() + ", not the target " + target);
    TreeSet<String> fields = new TreeSet<>(before.kept().keySet());
    fields.addAll(after.kept().keySet());
    for (String f : fields) {
      String was = before.kept().get(f);
      String now = after.kept().get(f);
      if (!Objects.equals(was, now)) out.add(f + " was " + show(was) + ", is " + show(now));
    }
    if (written.version() != null && !written.version().equals(after.version()))
      out.add(
          "version is "
              + after.version()
              + ", the write created "
              + written.version()
              + " (another write followed it)");
    return out;
  }

  private static String show(String value) {
    return value == null ? "(none)" : "'" + value + "'";
  }

  private PointerSide<?> side(DatabasePointer pointer, String region) {
    if (pointer == null) throw PointerFailures.invalid("database pointer is missing");
    boolean cname = !blank(pointer.cname());
    boolean parameter = !blank(pointer.parameter());
    if (cname == parameter) {
      throw PointerFailures.invalid(
          "database pointer "
              + pointer
              + ": give exactly one of cname (a Route 53 record) or parameter (Parameter Store)");
    }
    if (cname) return new CnamePointer(route53, pointer.cname(), blankToNull(pointer.hostedZone()));
    require(region, "region (of parameter " + pointer.parameter() + ")");
    return new ParameterPointer(ssm, pointer.parameter(), region);
  }

  private static void require(String value, String field) {
    if (blank(value)) throw PointerFailures.invalid(field + " is empty");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return blank(s) ? null : s.trim();
  }
}
