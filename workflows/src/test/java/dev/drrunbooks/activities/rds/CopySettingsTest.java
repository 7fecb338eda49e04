package dev.drrunbooks.activities.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The restored copy's settings in one short clause: each thing said once, a shared reason once. */
class CopySettingsTest {
  private static final String GONE = "RDS instance mycomputer-locations-db not found in eu-west-1";
  private static final String WHY = SettingDifference.sourceUnknown(GONE);

  @Test
  void unknownSourceSettingsAreCountedAndTheirSharedReasonSaidOnce() {
    CopySettings s =
        new CopySettings(
            "pitr-x",
            true,
            true,
            List.of(
                new SettingDifference("IAM database authentication", "unknown", "off", WHY),
                new SettingDifference("storage autoscaling", "unknown", "up to 500 GiB", WHY),
                new SettingDifference(
                    "deletion protection", "unknown", "on", WHY + ": a kept copy is protected")));

    assertEquals("kept, deletion protection on; 3 source settings unknown: " + GONE, s.summary());
  }

  @Test
  void knownDifferencesAreNamedWithTheCopysValueAndOneUnknownIsSingular() {
    CopySettings s =
        new CopySettings(
            "validate-x",
            false,
            false,
            List.of(
                new SettingDifference(
                    "deletion protection", "on", "off", "validation copy, deleted at the end"),
                new SettingDifference(
                    "backup retention", "7 days", "0 days", "validation copy, deleted at the end"),
                new SettingDifference("IAM database authentication", "unknown", "off", WHY)));

    assertEquals(
        "validation copy, deletion protection off; differs from its source in deletion protection"
            + " (off), backup retention (0 days); 1 source setting unknown: "
            + GONE,
        s.summary());
  }

  @Test
  void onlyKnownDifferencesCountNoUnknowns() {
    CopySettings s =
        new CopySettings(
            "validate-x",
            false,
            false,
            List.of(
                new SettingDifference(
                    "deletion protection", "on", "off", "validation copy, deleted at the end")));

    assertEquals(
        "validation copy, deletion protection off; differs from its source in deletion protection"
            + " (off)",
        s.summary());
    assertEquals(
        "deletion protection: source on, copy off: validation copy, deleted at the end",
        s.differences().get(0).describe());
  }

  @Test
  void aCopyAsItsSourceSaysSo() {
    assertEquals(
        "kept, deletion protection on; as its source",
        new CopySettings("x", true, true, null).summary());
  }

  @Test
  void theReasonIsTakenOutOfWhyWithOrWithoutWhatWasDoneAnyway() {
    SettingDifference plain = new SettingDifference("backup retention", "unknown", "7 days", WHY);
    SettingDifference more =
        new SettingDifference(
            "deletion protection", "unknown", "on", WHY + ": a kept copy is protected");
    SettingDifference known =
        new SettingDifference("deletion protection", "on", "off", "validation copy");

    assertEquals("source setting unknown (" + GONE + ")", SettingDifference.sourceUnknown(GONE));
    assertEquals(GONE, plain.unknownReason());
    assertEquals("source setting unknown", plain.why());
    assertEquals(GONE, more.unknownReason());
    assertEquals("source setting unknown: a kept copy is protected", more.why());
    assertNull(known.unknownReason());
    assertEquals("validation copy", known.why());
    assertNull(new SettingDifference("x", "unknown", "y", null).unknownReason());
    assertNull(
        new SettingDifference("x", "unknown", "y", "source setting unknown").unknownReason());
  }
}
