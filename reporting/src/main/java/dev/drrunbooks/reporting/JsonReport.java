package dev.drrunbooks.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.drrunbooks.report.RunReport;

/** A run's report as JSON: ISO-8601 instants and durations, for tools and dashboards. */
public final class JsonReport {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(RunReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write the report of "
              + report.workflowId()
              + " as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** A report read back from its JSON. */
  public static RunReport parse(String json) {
    try {
      return JSON.readValue(json, RunReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a run report: " + e.getOriginalMessage(), e);
    }
  }
}
