package dev.drrunbooks.catalog;

/** A read-only SQL check of restored data and what its single numeric answer must be. */
public record ValidationQuery(String name, String sql, Expectation expect) {}
