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
   (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceAutomatedBackup.html); live instances'
   backups are listed with status "active" and their window. moto lists identifier and status only.
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
        created = db.instance_create_time
        created = created if isinstance(created, datetime) else datetime.fromisoformat(str(created))
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
        earliest = max(created, latest - timedelta(days=int(db.backup_retention_period or 0)))
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


def _describe_backups(self, db_instance_identifier=None, dbi_resource_id=None,
                      db_instance_automated_backups_arn=None, **_):
    now = datetime.now(timezone.utc)
    backups = [_AutomatedBackup(self, db, "active", now) for db in self.databases.values()
               if int(db.backup_retention_period or 0) > 0]
    backups += _retained(self)
    return [b for b in backups
            if (db_instance_identifier is None or b.db_instance_identifier == db_instance_identifier)
            and (dbi_resource_id is None or b.dbi_resource_id == dbi_resource_id)
            and (db_instance_automated_backups_arn is None
                 or b.db_instance_automated_backups_arn == db_instance_automated_backups_arn)]


_original_restore = rds.RDSBackend.restore_db_instance_to_point_in_time


def _restore(self, source_db_identifier, target_db_identifier, overrides):
    resource_id = overrides.get("SourceDbiResourceId")
    arn = overrides.get("SourceDBInstanceAutomatedBackupsArn")
    if not (source_db_identifier or resource_id or arn):
        raise InvalidParameterCombination(
            "One of SourceDBInstanceIdentifier, SourceDbiResourceId or SourceDBInstanceAutomatedBackupsArn is required")
    if source_db_identifier:
        return _original_restore(self, source_db_identifier, target_db_identifier, overrides)
    found = [b for b in _describe_backups(self, dbi_resource_id=resource_id, db_instance_automated_backups_arn=arn)]
    if not found:
        raise RDSClientError("DBInstanceAutomatedBackupNotFound",
                             f"No automated backup found for {resource_id or arn}")
    backup = found[0]
    when = overrides.get("RestoreTime")
    if when is not None:
        when = when if isinstance(when, datetime) else datetime.fromisoformat(str(when).replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        if not backup.holds(when):
            raise RDSClientError("InvalidRestoreFault", f"Restore time {when.isoformat()} is outside the restore"
                                 f" window of {backup.dbi_resource_id}")
    # Restore the deleted instance's properties as moto restores a live one's: put it back under its name for
    # the copy only when that name is free, else copy from a stand-in entry.
    stand_in = f"dr-restore-source-{backup.dbi_resource_id[3:].lower()}"
    self.databases[stand_in] = backup.instance
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
