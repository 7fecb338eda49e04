package dev.drrunbooks.worker.databases;

import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.aws.rds.RdsRestoreActivitiesImpl;
import dev.drrunbooks.aws.rds.RdsStandbyActivitiesImpl;
import dev.drrunbooks.sql.DatabaseLocator;

/**
 * How one worker's activities reach the databases they restore, check and replay into: where a
 * database is ({@link #locator}) and what, if anything, the restore and data-validation activities
 * do besides their real work. Chosen once per worker by {@link WorkerDatabases#choose}: restored
 * RDS instances at their own endpoints ({@link RdsDatabaseAccess}), or a {@link DatabaseStandIn}'s
 * (the sandbox's PostgreSQL).
 */
public interface DatabaseAccess {

  /** Where a database target is and how to log in to it (data validation and replay). */
  DatabaseLocator locator();

  /** The restore activities the worker registers, given the real ones: those, unless overridden. */
  default RdsRestoreActivities restore(RdsRestoreActivitiesImpl rds) {
    return rds;
  }

  /**
   * The read-replica standby activities the worker registers, given the real ones: those, unless
   * overridden (a stand-in gives a promoted replica its own database).
   */
  default RdsStandbyActivities standby(RdsStandbyActivitiesImpl rds) {
    return rds;
  }

  /**
   * The data-validation activities the worker registers, given the real ones: those, unless
   * overridden.
   */
  default DataValidationActivities validation(DataValidationActivities checks) {
    return checks;
  }

  /** How restored databases are reached, for the worker's start-up line. */
  String describe();
}
