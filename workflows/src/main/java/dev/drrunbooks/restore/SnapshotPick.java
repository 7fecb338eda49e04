package dev.drrunbooks.restore;

import dev.drrunbooks.model.Inputs;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which snapshot a backup validation restores: the newest, or a random one from a recent window.
 */
public enum SnapshotPick {
  NEWEST,
  RANDOM;

  /** How inputs and the catalog spell it: {@code newest}, {@code random}. */
  public String inputValue() {
    return name().toLowerCase();
  }

  /**
   * The pick an input names; null or blank is {@link #NEWEST}.
   *
   * @throws ApplicationFailure InvalidInput naming {@code field}, the value and what is allowed
   */
  public static SnapshotPick parse(String field, String value) {
    if (value == null || value.isBlank()) return NEWEST;
    String v = value.trim();
    return Arrays.stream(values())
        .filter(p -> p.inputValue().equals(v))
        .findFirst()
        .orElseThrow(() -> Inputs.invalid(field, value, "allowed: " + allowed()));
  }

  static String allowed() {
    return Arrays.stream(values()).map(SnapshotPick::inputValue).collect(Collectors.joining(", "));
  }
}
