package dev.drrunbooks.activities.http;

import java.util.List;

/** The evidence of probing one URL several times. */
public record ProbeReport(
    String url, List<ProbeSample> samples, int ok, ProbeVerdict verdict, long medianLatencyMs) {

  public static ProbeReport of(String url, List<ProbeSample> samples) {
    int ok = (int) samples.stream().filter(ProbeSample::ok).count();
    ProbeVerdict verdict =
        ok == samples.size()
            ? ProbeVerdict.HEALTHY
            : ok == 0 ? ProbeVerdict.UNHEALTHY : ProbeVerdict.FLAPPING;
    List<Long> latencies = samples.stream().map(ProbeSample::latencyMs).sorted().toList();
    long median = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2);
    return new ProbeReport(url, List.copyOf(samples), ok, verdict, median);
  }

  public String describe() {
    return url
        + ": "
        + verdict
        + " ("
        + ok
        + "/"
        + samples.size()
        + " ok, median "
        + medianLatencyMs
        + " ms)";
  }
}
