package dev.drrunbooks.bootstrap.catalog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import java.util.List;

/**
 * The real catalog with one piece of text changed, and what the loader says about it: for rule
 * tests.
 */
final class CatalogEdits {
  static final String SOURCE = "broken.yaml";

  private CatalogEdits() {}

  /** The fixture with the first {@code from} (which must be there) replaced by {@code to}. */
  static String edit(String from, String to) {
    return edit(CatalogFixture.text(), from, to);
  }

  static String edit(String yaml, String from, String to) {
    int at = yaml.indexOf(from);
    if (at < 0) throw new IllegalStateException("fixture changed: no '" + from + "'");
    return yaml.substring(0, at) + to + yaml.substring(at + from.length());
  }

  static List<CatalogException.Problem> problems(String yaml) {
    return assertThrows(CatalogException.class, () -> CatalogLoader.parse(yaml, SOURCE)).problems();
  }

  static Catalog accepted(String yaml) {
    return assertDoesNotThrow(() -> CatalogLoader.parse(yaml, SOURCE));
  }

  static CatalogException.Problem problem(String path, String message) {
    return new CatalogException.Problem(path, message);
  }

  static List<CatalogException.Problem> only(String path, String message) {
    return List.of(problem(path, message));
  }
}
