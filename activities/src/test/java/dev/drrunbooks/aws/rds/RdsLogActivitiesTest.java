package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.ErrorLogScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeDBLogFilesDetails;
import software.amazon.awssdk.services.rds.model.DescribeDbLogFilesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbLogFilesResponse;
import software.amazon.awssdk.services.rds.model.DownloadDbLogFilePortionRequest;
import software.amazon.awssdk.services.rds.model.DownloadDbLogFilePortionResponse;

/**
 * The error-log scan with a scripted RDS client: the emulator does not implement
 * DownloadDBLogFilePortion nor the FilenameContains filter, so this is the test of the paging and
 * the parsing of RDS PostgreSQL log lines.
 */
class RdsLogActivitiesTest {

  /** Two files, the second in two portions; ERROR lines before and after the time asked from. */
  private static final class ScriptedRds implements RdsClient {
    final List<DescribeDbLogFilesRequest> describes = new ArrayList<>();
    final List<DownloadDbLogFilePortionRequest> downloads = new ArrayList<>();
    final Map<String, List<String>> portions =
        Map.of(
            "error/postgresql.log.2024-01-15-02",
                List.of(
                    "2024-01-15 02:10:00 UTC:10.0.0.5(5432):app@inventory:[77]:LOG:  checkpoint"
                        + " complete\n"
                        + "2024-01-15 02:20:00 UTC:10.0.0.5(5432):app@inventory:[78]:ERROR: "
                        + " deadlock detected\n"),
            "error/postgresql.log.2024-01-15-03",
                List.of(
                    "2024-01-15 03:29:59 UTC:10.0.0.7(5432):etl@inventory:[91]:LOG:  statement:"
                        + " UPDATE inventory_items\n",
                    "2024-01-15 03:30:12 UTC:10.0.0.7(5432):etl@inventory:[91]:ERROR:  duplicate"
                        + " key value violates unique constraint"
                        + " \"inventory_transactions_reference_key\"\n"
                        + "2024-01-15 03:31:00 UTC:10.0.0.7(5432):etl@inventory:[91]:FATAL: "
                        + " terminating connection\n"));

    @Override
    public DescribeDbLogFilesResponse describeDBLogFiles(DescribeDbLogFilesRequest r) {
      describes.add(r);
      return DescribeDbLogFilesResponse.builder()
          .describeDBLogFiles(
              portions.keySet().stream()
                  .sorted()
                  .map(f -> DescribeDBLogFilesDetails.builder().logFileName(f).build())
                  .toList())
          .build();
    }

    @Override
    public DownloadDbLogFilePortionResponse downloadDBLogFilePortion(
        DownloadDbLogFilePortionRequest r) {
      downloads.add(r);
      List<String> parts = portions.get(r.logFileName());
      int i = Integer.parseInt(r.marker());
      return DownloadDbLogFilePortionResponse.builder()
          .logFileData(parts.get(i))
          .additionalDataPending(i + 1 < parts.size())
          .marker(String.valueOf(i + 1))
          .build();
    }

    @Override
    public String serviceName() {
      return "rds";
    }

    @Override
    public void close() {}
  }

  @Test
  void findsTheFirstErrorSinceTheTimeAskedReadingEveryPortion() {
    ScriptedRds rds = new ScriptedRds();
    ErrorLogScan scan =
        new RdsLogActivitiesImpl(r -> rds)
            .scanErrorLogs(
                "eu-west-1", "mycomputer-inventory-db", Instant.parse("2024-01-15T03:00:00Z"));

    assertEquals(Instant.parse("2024-01-15T03:30:12Z"), scan.firstError());
    assertEquals(
        "error",
        rds.describes.get(0).filenameContains(),
        "the runbook's --filename-contains error");
    assertEquals(
        Instant.parse("2024-01-15T03:00:00Z").toEpochMilli(),
        rds.describes.get(0).fileLastWritten());
    assertEquals(3, rds.downloads.size(), "one portion of the first file, two of the second");
    assertEquals(2, scan.sample().size());
    assertTrue(scan.sample().get(0).contains("duplicate key value"), scan.sample().toString());
    assertEquals("first ERROR at 2024-01-15T03:30:12Z in 2 file(s)", scan.summary());
  }

  @Test
  void withoutATimeTheEarliestErrorCountsAndOtherLevelsDoNot() {
    ErrorLogScan scan =
        new RdsLogActivitiesImpl(r -> new ScriptedRds()).scanErrorLogs("eu-west-1", "db", null);
    assertEquals(Instant.parse("2024-01-15T02:20:00Z"), scan.firstError());
    assertNull(
        RdsLogActivitiesImpl.errorTime(
            "2024-01-15 03:29:59 UTC:h(1):u@d:[1]:LOG:  statement: UPDATE"));
    assertNull(RdsLogActivitiesImpl.errorTime("not a log line"));
  }
}
