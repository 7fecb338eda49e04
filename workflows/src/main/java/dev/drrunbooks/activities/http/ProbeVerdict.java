package dev.drrunbooks.activities.http;

/** Several probes summed up: all answered well, none did, or some did (flapping). */
public enum ProbeVerdict {
  HEALTHY,
  UNHEALTHY,
  FLAPPING
}
