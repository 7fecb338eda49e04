package dev.drrunbooks.activities.http;

import io.temporal.activity.ActivityInterface;
import java.time.Duration;

/** Health probes over HTTP, as the runbook's curl -I .../health, but several times and timed. */
@ActivityInterface(namePrefix = "Http")
public interface HttpProbeActivities {

  /**
   * GETs {@code url} {@code probes} times, {@code interval} apart, each with {@code timeout}; never
   * fails for an unhealthy endpoint: the report is the evidence. Heartbeats between probes.
   */
  ProbeReport probe(String url, int probes, Duration interval, Duration timeout);
}
