package dev.drrunbooks.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The runbook's priority column. */
public enum Priority {
  @JsonProperty("Critical")
  CRITICAL,
  @JsonProperty("High")
  HIGH,
  @JsonProperty("Medium")
  MEDIUM,
  @JsonProperty("Low")
  LOW
}
