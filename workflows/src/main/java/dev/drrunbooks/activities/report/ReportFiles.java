package dev.drrunbooks.activities.report;

/** Where a report was written: its folder and the path of each format. */
public record ReportFiles(String directory, String markdown, String json, String html) {}
