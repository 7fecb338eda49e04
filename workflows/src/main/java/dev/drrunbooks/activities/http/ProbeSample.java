package dev.drrunbooks.activities.http;

/** One HTTP probe: the status code (0 when no answer), how long it took, and the error if any. */
public record ProbeSample(int status, long latencyMs, String error) {

  public boolean ok() {
    return status >= 200 && status < 400;
  }
}
