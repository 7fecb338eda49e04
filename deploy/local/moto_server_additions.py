"""moto_server with the RDS behaviour the sandbox needs and moto 5.2.5 lacks: restoring a deleted instance.

Started by deploy/local/sandbox instead of $VENV/bin/moto_server, with the same arguments (its command line
still contains "moto_server", which the sandbox script looks for). Each addition models documented AWS behaviour
only, cited below; everything else is moto's own.

1. Every instance gets its own DbiResourceId, "unique to an AWS Region"
   (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstanceAutomatedBackup.html).
   moto gives every instance the same one.
2. DeleteDBInstance with DeleteAutomatedBackups=false retains the automated backups, with "the database instance
   properties that existed at the time you deleted the source instance", for the instance's backup retention
   period (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html).
   DescribeDBInstanceAutomatedBackups lists them with status "retained", DbiResourceId, DBInstanceArn,
   DBInstanceAutomatedBackupsArn and RestoreWindow
   (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceAutomatedBackup.html). moto lists
   identifier and status only; live instances' backups are still listed so (their windows stay estimated from
   LatestRestorableTime and the retention period, as the sandbox tests expect).
3. RestoreDBInstanceToPointInTime restores from SourceDbiResourceId or SourceDBInstanceAutomatedBackupsArn, refuses
   a RestoreTime outside the source's window, and refuses a request naming no source
   (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html). moto
   ignores both and, with no SourceDBInstanceIdentifier, restores whichever instance it lists first.

Not modelled: cross-region replication of automated backups (no moto API at all; the Java tests script it).
"""

import copy
import secrets
import string
import sys
from datetime import datetime, timedelta, timezone

from moto.rds import models as rds
from moto.rds.exceptions import InvalidParameterCombination, RDSClientError
from moto.server import main

_ALPHABET = string.ascii_uppercase + string.digits


def _resource_id():
    return "db-" + "".join(secrets.choice(_ALPHABET) for _ in range(26))


class _AutomatedBackup:
    """What DescribeDBInstanceAutomatedBackups returns for one instance's automated backups."""

    def __init__(self, backend, db, status, latest):
        self.db_instance_identifier = db.db_instance_identifier
        self.dbi_resource_id = db.dbi_resource_id
        self.db_instance_arn = db.db_instance_arn
        self.region = backend.region_name
        self.status = status
        self.engine = db.engine
        self.backup_retention_period = db.backup_retention_period
        self.db_instance_automated_backups_arn = (
            f"arn:aws:rds:{backend.region_name}:{backend.account_id}:auto-backup:ab-{db.dbi_resource_id[3:].lower()}")
        # From the retention period back, not from the instance's creation: the sandbox's world is seeded as if its
        # instances had run for their whole retention period (as SandboxRestoreActivities reports live windows).
        earliest = latest - timedelta(days=int(db.backup_retention_period or 0))
        self.restore_window = {"EarliestTime": earliest, "LatestTime": latest}
        self.instance = db  # the properties a restore recreates

    def holds(self, when):
        return self.restore_window["EarliestTime"] <= when <= self.restore_window["LatestTime"]


def _retained(backend):
    if not hasattr(backend, "dr_retained_backups"):
        backend.dr_retained_backups = []
    return backend.dr_retained_backups


_original_init = rds.DBInstance.__init__


def _init(self, *args, **kwargs):
    _original_init(self, *args, **kwargs)
    self.dbi_resource_id = _resource_id()


_original_delete = rds.RDSBackend.delete_db_instance


def _delete(self, db_instance_identifier, final_db_snapshot_identifier=None, skip_final_snapshot=False,
            delete_automated_backups=True):
    db = self.databases.get(db_instance_identifier)
    deleted = _original_delete(self, db_instance_identifier, final_db_snapshot_identifier, skip_final_snapshot,
                               delete_automated_backups)
    keep = delete_automated_backups in (False, "false", "False")
    if db is not None and keep and int(db.backup_retention_period or 0) > 0:
        _retained(self).append(_AutomatedBackup(self, copy.copy(db), "retained", datetime.now(timezone.utc)))
    return deleted


_original_describe_backups = rds.RDSBackend.describe_db_instance_automated_backups


def _describe_backups(self, db_instance_identifier=None, dbi_resource_id=None,
                      db_instance_automated_backups_arn=None, **_):
    # Live instances' backups as moto lists them (identifier and status: their restorable window stays estimated
    # as before); retained ones as modelled here instead of moto's identifier-only entries.
    active = [b for b in _original_describe_backups(self) if b.db_instance_identifier in self.databases]
    if dbi_resource_id is not None or db_instance_automated_backups_arn is not None:
        active = []
    backups = active + _retained(self)
    return [b for b in backups
            if (db_instance_identifier is None or b.db_instance_identifier == db_instance_identifier)
            and (dbi_resource_id is None or getattr(b, "dbi_resource_id", None) == dbi_resource_id)
            and (db_instance_automated_backups_arn is None
                 or getattr(b, "db_instance_automated_backups_arn", None) == db_instance_automated_backups_arn)]


_original_restore = rds.RDSBackend.restore_db_instance_to_point_in_time


def _param(params, name, snake):
    return params.get(name) or params.get(snake)


def _restore(self, source_db_identifier, target_db_identifier, overrides):
    # moto passes the request's parameters in snake case, and reads the source's identifier in Pascal case (so
    # never finds it): read both.
    source_db_identifier = source_db_identifier or _param(
        overrides, "SourceDBInstanceIdentifier", "source_db_instance_identifier")
    target_db_identifier = target_db_identifier or _param(
        overrides, "TargetDBInstanceIdentifier", "target_db_instance_identifier")
    resource_id = _param(overrides, "SourceDbiResourceId", "source_dbi_resource_id")
    arn = _param(overrides, "SourceDBInstanceAutomatedBackupsArn", "source_db_instance_automated_backups_arn")
    if not (source_db_identifier or resource_id or arn):
        raise InvalidParameterCombination(
            "One of SourceDBInstanceIdentifier, SourceDbiResourceId or SourceDBInstanceAutomatedBackupsArn is required")
    if source_db_identifier:
        return _original_restore(self, source_db_identifier, target_db_identifier, overrides)
    found = [b for b in _retained(self)
             if (resource_id and b.dbi_resource_id == resource_id)
             or (arn and b.db_instance_automated_backups_arn == arn)]
    if not found:
        raise RDSClientError("DBInstanceAutomatedBackupNotFound",
                             f"No automated backup found for {resource_id or arn}")
    backup = found[0]
    when = _param(overrides, "RestoreTime", "restore_time")
    if when is not None:
        when = when if isinstance(when, datetime) else datetime.fromisoformat(str(when).replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        if not backup.holds(when):
            raise RDSClientError("InvalidRestoreFault", f"Restore time {when.isoformat()} is outside the restore"
                                 f" window of {backup.dbi_resource_id}")
    # Restore the deleted instance's kept properties as moto restores a live one's, from a stand-in entry that
    # exists only for the copy (the name itself may belong to a new instance by now).
    stand_in = f"dr-restore-source-{backup.dbi_resource_id[3:].lower()}"
    kept = copy.copy(backup.instance)
    kept.db_instance_identifier = stand_in
    self.databases[stand_in] = kept
    try:
        return _original_restore(self, stand_in, target_db_identifier, overrides)
    finally:
        self.databases.pop(stand_in, None)


rds.DBInstance.__init__ = _init
rds.RDSBackend.delete_db_instance = _delete
rds.RDSBackend.describe_db_instance_automated_backups = _describe_backups
rds.RDSBackend.restore_db_instance_to_point_in_time = _restore

if __name__ == "__main__":
    main(sys.argv[1:])
