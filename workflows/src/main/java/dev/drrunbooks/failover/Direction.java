package dev.drrunbooks.failover;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Failover moves traffic from the primary to the secondary; failback moves it home again. */
public enum Direction {
  @JsonProperty("failover")
  FAILOVER,
  @JsonProperty("failback")
  FAILBACK
}
