package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.SettingDifference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11, finding 3: pitr, restore-snapshot and validate-backups print where the copy differs from its source. */
class ResultPrinterCopySettingsTest {

  @Test
  void printsEachDifferenceWithWhy() {
    String out = print(new CopySettings("validate-x", false, false, List.of(
        new SettingDifference("deletion protection", "on", "off", "validation copy, deleted at the end"))));

    assertTrue(out.contains("Restored copy: validation copy, deletion protection off; deletion protection: source on,"
        + " copy off: validation copy, deleted at the end"), out);
    assertTrue(out.contains("SETTING") && out.contains("WHY"), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("deletion protection") && l.contains("validation copy, deleted")),
        out);
  }

  @Test
  void aCopyAsItsSourceIsOneLineAndAnOldRunNothing() {
    assertEquals("\nRestored copy: kept, deletion protection on; as its source\n",
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
