package dev.drrunbooks.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an approval gate does when nobody answers in time. */
public enum GateDefault {
  @JsonProperty("abort")
  ABORT,
  @JsonProperty("proceed")
  PROCEED
}
