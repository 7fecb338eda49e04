package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.SettingDifference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, finding 3: pitr, restore-snapshot and validate-backups print where the copy differs
 * from its source.
 */
class ResultPrinterCopySettingsTest {

  @Test
  void printsEachDifferenceWithWhy() {
    String out =
        print(
            new CopySettings(
                "validate-x",
                false,
                false,
                List.of(
                    new SettingDifference(
                        "deletion protection",
                        "on",
                        "off",
                        "validation copy, deleted at the end"))));

    assertTrue(
        out.contains(
            "Restored copy: validation copy, deletion protection off; differs from its source in"
                + " deletion protection (off)\n"),
        out);
    assertTrue(out.contains("SETTING") && out.contains("WHY"), out);
    assertTrue(
        out.lines()
            .anyMatch(
                l -> l.startsWith("deletion protection") && l.contains("validation copy, deleted")),
        out);
  }

  @Test
  void aReasonTheSourceIsUnknownIsSaidOnceNotOnEveryRow() {
    String why =
        SettingDifference.sourceUnknown(
            "RDS instance mycomputer-locations-db not found in eu-west-1");
    String out =
        print(
                new CopySettings(
                    "pitr-x",
                    true,
                    true,
                    List.of(
                        new SettingDifference("IAM database authentication", "unknown", "off", why),
                        new SettingDifference("backup retention", "unknown", "7 days", why),
                        new SettingDifference(
                            "deletion protection",
                            "unknown",
                            "on",
                            why + ": a kept copy is protected"))))
            .replace("\r", "");

    assertTrue(
        out.startsWith(
            "\nRestored copy: kept, deletion protection on; 3 source settings unknown: RDS instance"
                + " mycomputer-locations-db not found in eu-west-1\n"),
        out);
    assertEquals(1, out.split("not found in", -1).length - 1, "the reason once: " + out);
    assertTrue(
        out.lines()
            .anyMatch(
                l -> l.startsWith("backup retention") && l.endsWith("source setting unknown")),
        out);
    assertTrue(
        out.lines()
            .anyMatch(
                l ->
                    l.startsWith("deletion protection")
                        && l.endsWith("source setting unknown: a kept copy is protected")),
        out);
  }

  @Test
  void aCopyAsItsSourceIsOneLineAndAnOldRunNothing() {
    assertEquals(
        "\nRestored copy: kept, deletion protection on; as its source\n",
        print(new CopySettings("pitr-x", true, true, List.of())).replace("\r", ""));
    assertEquals("", print(null));
  }

  private static String print(CopySettings settings) {
    StringWriter s = new StringWriter();
    PrintWriter w = new PrintWriter(s);
    new ResultPrinter(w).copySettings(settings);
    w.flush();
    return s.toString();
  }
}
