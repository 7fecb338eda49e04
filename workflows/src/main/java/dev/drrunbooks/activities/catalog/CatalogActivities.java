package dev.drrunbooks.activities.catalog;

import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Map;

/**
 * Reads the catalog the worker was started with. An activity, so the definitions a run acted on are
 * recorded in its history and a catalog edited mid-run cannot change a replay.
 */
@ActivityInterface(namePrefix = "Catalog")
public interface CatalogActivities {

  /**
   * The named service, or every service for "all"; an unknown name fails non-retryably with the
   * known ones.
   */
  List<ServiceDefinition> resolveServices(String selector);

  /** The catalog's schedules by key (what runs when: the drill, backup validations, readiness). */
  Map<String, ScheduleSpec> schedules();
}
