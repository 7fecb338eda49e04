package dev.drrunbooks.model;

/**
 * What cleanup did about one resource the run created: "deleting", "already gone", or why it
 * failed.
 */
public record CleanupRecord(String resource, Outcome outcome, String detail) {}
