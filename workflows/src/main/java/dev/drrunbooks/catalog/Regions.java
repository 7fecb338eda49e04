package dev.drrunbooks.catalog;

/** Where MyComputer runs (primary) and where it recovers to (dr). */
public record Regions(String primary, String dr) {}
