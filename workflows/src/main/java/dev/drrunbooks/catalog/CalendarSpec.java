package dev.drrunbooks.catalog;

/**
 * When a schedule fires, in Temporal's structured calendar fields. Every field must match (they are
 * ANDed, unlike classic cron), so {@code dayOfMonth: "1-7"} with {@code dayOfWeek: MON} is the
 * first Monday of the month. {@code hour} and {@code minute} are required; {@code second} defaults
 * to 0, the day and month fields to every one. The grammar of each field is the catalog loader's
 * ({@code dev.drrunbooks.bootstrap.calendar.CalendarField}); workflows never read a calendar.
 */
public record CalendarSpec(
    String second, String minute, String hour, String dayOfMonth, String month, String dayOfWeek) {}
