package dev.drrunbooks.sandbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

class BenchPartsTest {

  @Test
  void procStatusGivesThreadsAndRss() {
    ProcSample s =
        ProcSample.parseStatus(
            "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  412340 kB\nThreads:\t87\nSigQ:\t0/1\n");
    assertEquals(87, s.threads());
    assertEquals(412_340, s.rssKb());
    assertThrows(IllegalArgumentException.class, () -> ProcSample.parseStatus("Name:\tjava\n"));
    assertEquals("workflow-method-#", ProcSample.family("workflow-method-12"));
  }

  @Test
  void peakKeepsTheMostThreadsAndTheMostMemorySeparately() {
    ProcSample.Peak peak = new ProcSample.Peak();
    peak.add(new ProcSample(50, 400_000, java.util.Map.of("a", 50)));
    peak.add(new ProcSample(80, 300_000, java.util.Map.of("a", 30, "b", 50)));
    assertEquals(80, peak.maxThreads());
    assertEquals(400_000, peak.maxRssKb());
    assertEquals("b 50, a 30", peak.threadsAtPeak());
  }

  @Test
  void anAutomatedSnapshotIsNamedApartFromAManualOne() {
    assertEquals(
        "rds snapshot eu-west-1/final-copy",
        Leftovers.snapshot(
            "eu-west-1",
            DBSnapshot.builder()
                .dbSnapshotIdentifier("final-copy")
                .dbInstanceIdentifier("copy")
                .snapshotType("manual")
                .build()));
    assertEquals(
        "rds automated snapshot eu-west-1/rds:copy-2026-01-02-03-04 (goes only with the automated"
            + " backups of copy)",
        Leftovers.snapshot(
            "eu-west-1",
            DBSnapshot.builder()
                .dbSnapshotIdentifier("rds:copy-2026-01-02-03-04")
                .dbInstanceIdentifier("copy")
                .snapshotType("automated")
                .build()));
  }

  @Test
  void nearestRankPercentiles() {
    List<Duration> d = List.of(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertEquals(Duration.ofSeconds(2), Percentiles.of(d, 50));
    assertEquals(Duration.ofSeconds(3), Percentiles.of(d, 99));
    assertNull(Percentiles.of(List.of(), 50));
    assertEquals("1.5 s", Percentiles.seconds(Duration.ofMillis(1500)));
  }

  @Test
  void optionsAreReadAndABadOneIsNamed() {
    BenchOptions o =
        BenchOptions.parse(
            new String[] {"--n", "100, 500", "--restore-seconds", "60", "--worker-jvm", ""});
    assertEquals(List.of(100, 500), o.sizes());
    assertEquals(Duration.ofSeconds(60), o.restore());
    assertEquals(List.of(), o.jvmOptions());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--n", "0"}));
    assertEquals("--n: '0' is not allowed: a whole number from 1 to 100000", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--what", "1"}));
  }
}
