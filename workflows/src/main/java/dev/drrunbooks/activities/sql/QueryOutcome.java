package dev.drrunbooks.activities.sql;

/**
 * One validation query's evidence: what was expected, what the restored database answered, the
 * source's answer when the expectation compares with it, and whether it passed.
 */
public record QueryOutcome(
    String name,
    String sql,
    String expected,
    Long found,
    Long sourceValue,
    boolean pass,
    String error) {}
