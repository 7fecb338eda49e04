package dev.drrunbooks.bootstrap.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.catalog.CalendarSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The calendar grammar at its edges: defaults, steps, ranges, names, and each refusal's exact
 * words.
 */
class CalendarFieldTest {
  private static final String RANGES = ", ranges (1-7), lists (1,15), * and steps (*/15)";

  @Test
  void anUnwrittenFieldTakesItsDefault() {
    CalendarSpec calendar = new CalendarSpec(null, null, "10", null, "JAN", null);
    assertEquals("0", CalendarField.SECOND.text(calendar));
    assertNull(CalendarField.MINUTE.text(calendar));
    assertEquals("10", CalendarField.HOUR.text(calendar));
    assertEquals("*", CalendarField.DAY_OF_MONTH.text(calendar));
    assertEquals("JAN", CalendarField.MONTH.text(calendar));
    assertEquals("*", CalendarField.DAY_OF_WEEK.text(calendar));
    assertEquals(List.of(new CalendarRange(0, 6, 1)), CalendarField.DAY_OF_WEEK.ranges(calendar));
    assertEquals(List.of(CalendarRange.of(1)), CalendarField.MONTH.ranges(calendar));
  }

  @Test
  void stepsRangesAndBoundsAreTemporals() {
    assertEquals(List.of(new CalendarRange(0, 59, 1)), CalendarField.MINUTE.parse("*/1"));
    assertEquals(List.of(new CalendarRange(10, 59, 5)), CalendarField.MINUTE.parse("10/5"));
    assertEquals(List.of(CalendarRange.of(3)), CalendarField.DAY_OF_MONTH.parse("3-3"));
    assertEquals(
        List.of(CalendarRange.of(0), CalendarRange.of(23)), CalendarField.HOUR.parse(" 0 , 23 "));
    assertEquals(
        List.of(CalendarRange.of(1), CalendarRange.of(31)),
        CalendarField.DAY_OF_MONTH.parse("1,31"));
    assertEquals(List.of(new CalendarRange(1, 5, 2)), CalendarField.DAY_OF_WEEK.parse("mon-fri/2"));
  }

  @Test
  void eachRefusalNamesTheItemAndWhatIsAllowed() {
    assertEquals("is empty; minute takes 0-59" + RANGES, refused(CalendarField.MINUTE, " "));
    assertEquals(
        "'1,,2' has an empty item; hour takes 0-23" + RANGES, refused(CalendarField.HOUR, "1,,2"));
    assertEquals("'*/x': step 'x' is not a whole number", refused(CalendarField.MINUTE, "*/x"));
    assertEquals("'*/0': step must be 1 or more", refused(CalendarField.MINUTE, "*/0"));
    assertEquals(
        "'7-1' starts after it ends; write the smaller value first",
        refused(CalendarField.DAY_OF_MONTH, "7-1"));
    assertEquals(
        "'24' is out of range; hour takes 0-23" + RANGES, refused(CalendarField.HOUR, "24"));
    assertEquals(
        "'0' is out of range; dayOfMonth takes 1-31" + RANGES,
        refused(CalendarField.DAY_OF_MONTH, "0"));
    assertEquals(
        "'-1' is out of range; second takes 0-59" + RANGES, refused(CalendarField.SECOND, "-1"));
    assertEquals(
        "'MONDAY' is not a dayOfWeek value; dayOfWeek takes 0-6 (0 is Sunday) or SUN, MON, TUE,"
            + " WED, THU, FRI, SAT"
            + RANGES,
        refused(CalendarField.DAY_OF_WEEK, "MONDAY"));
    assertEquals(
        "'13' is out of range; month takes 1-12 or JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP,"
            + " OCT, NOV, DEC"
            + RANGES,
        refused(CalendarField.MONTH, "13"));
  }

  private static String refused(CalendarField field, String text) {
    return assertThrows(IllegalArgumentException.class, () -> field.parse(text)).getMessage();
  }
}
