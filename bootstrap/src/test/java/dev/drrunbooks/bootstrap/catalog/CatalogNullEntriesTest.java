package dev.drrunbooks.bootstrap.catalog;

import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.edit;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.only;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * An empty entry in a list or map ({@code ~}, or a bare {@code -}) is named by its path, as any
 * other bad value, rather than surfacing as a NullPointerException from a record's constructor.
 */
class CatalogNullEntriesTest {

  @Test
  void aNullStageIsNamedByItsPath() {
    assertEquals(
        only("services.inventory.failover.stages[0]", "is empty; a value is required here"),
        problems(edit("stages: [10, 50, 100]", "stages: [~, 50, 100]")));
  }

  @Test
  void aNullServiceIsNamedByItsKey() {
    assertEquals(
        only("dnsRecords.api", "is empty; a value is required here"),
        problems(edit("dnsRecords:\n  api:\n", "dnsRecords:\n  api: ~\n  api-was:\n")));
  }
}
