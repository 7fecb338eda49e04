"""moto_server with the RDS behaviour the sandbox needs and moto 5.2.5 lacks: restoring a deleted instance,
replicating automated backups to another region and restoring there, the account's DB-instance quota, whole
requests, a snapshot quota of manual snapshots, read replicas that promote and delete as RDS's do, and their
ReplicaLag metric, Route 53 change batches, and Aurora global databases whose writer changes.

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

4. Cross-region replication of automated backups ("Replicating automated backups to another AWS Region",
   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html). moto has no such API (HTTP 500).
   - StartDBInstanceAutomatedBackupsReplication is called in the destination region with SourceDBInstanceArn,
     BackupRetentionPeriod and KmsKeyId, "the ARN for the KMS encryption key in the destination AWS Region"
     (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartDBInstanceAutomatedBackupsReplication.html).
     Refused: a source that does not exist (DBInstanceNotFound), one without automated backups or in the destination
     region itself, one already replicating to this region (InvalidDBInstanceState: AWS allows one replication per
     destination region; the exact error code it answers there is not documented, our code checks first), and a key
     ARN of another region (KMSKeyNotAccessibleFault). Answers the DBInstanceAutomatedBackup it created.
   - The source instance then lists it under DBInstanceAutomatedBackupsReplications (DBInstanceAutomatedBackupsArn)
     in DescribeDBInstances (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html).
   - DescribeDBInstanceAutomatedBackups in the destination region lists it with status "replicating", its own
     DBInstanceAutomatedBackupsArn (in the destination region), the source's DBInstanceIdentifier, DBInstanceArn,
     DbiResourceId and Region, BackupRetentionPeriod, KmsKeyId and RestoreWindow
     (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceAutomatedBackup.html,
     https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstanceAutomatedBackups.html).
     Emulator choices: replication is at once "replicating" (AWS passes through "pending" while it copies); the
     window starts when replication started (nothing older is copied here) and ends now, or when replication stopped.
   - StopDBInstanceAutomatedBackupsReplication in the destination region, by SourceDBInstanceArn, ends it
     (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StopDBInstanceAutomatedBackupsReplication.html):
     the source no longer lists it, and "Replicated backups are retained, subject to the backup retention period set
     when they were created", listed as retained in the destination region
     (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/AutomatedBackups.StopReplicating.html);
     DeleteDBInstanceAutomatedBackup there by DBInstanceAutomatedBackupsArn deletes them
     (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/AutomatedBackups.Delete.html).
   - RestoreDBInstanceToPointInTime in the destination region by SourceDBInstanceAutomatedBackupsArn restores from it,
     to a RestoreTime inside its window (as 3.;
     https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/AutomatedBackups.PiTR.html).
   Not modelled: replication lag (the replica is as recent as its source), the "pending" state, expiry after the
   retention period, what deleting a replicating source does to its replicas, and the replications list of the
   source's own DBInstanceAutomatedBackup.

5. DescribeAccountAttributes answers the account's quotas in the region, of which the sandbox models "DBInstances":
   Used is the number of DB instances the region holds now, Max the quota, 40 by default ("DB instances": 40 per
   region, https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html; the call:
   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeAccountAttributes.html, an AccountQuota
   is AccountQuotaName, Used, Max). The environment variable DR_SANDBOX_RDS_DB_INSTANCES_QUOTA sets Max (a raised
   quota, as Service Quotas grants). moto has no such API (HTTP 500).
   Not modelled: AWS's other quotas in that answer, and the refusal of a create or restore past the quota
   (InstanceQuotaExceeded): the sandbox's tests share one emulator and would refuse one another.

6. One RDS request at a time, each whole. AWS's DeleteDBInstance either refuses (nothing changed) or deletes the
   instance and, with DeleteAutomatedBackups true (the default), "all automated backups for that instance"
   (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html); its automated snapshots
   ("rds:" names, the "system snapshots" of its automated backups) outlive it only when retained, as 2. models
   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html). moto's
   server answers requests on threads, and its RDS backend walks its dicts of instances and snapshots while other
   requests change them: "RuntimeError: OrderedDict mutated during iteration", an HTTP 500. In DeleteDBInstance
   that happens after moto removed the instance and before it deleted the instance's automated snapshots, so the
   SDK's retry finds no instance (DBInstanceNotFound, "already gone" to our delete) and the "rds:<instance>-<date>"
   snapshots stay for good: 5 of 500 concurrent backup validations left one in the fleet benchmark, none of 100.
   So every RDS action, with its answer's serialisation, runs under one lock (one for all regions: replication,
   4., touches two). Other services' requests, and RDS resources CloudFormation makes, do not take it.

7. The snapshot quota counts manual snapshots only: AWS's is "Manual DB instance snapshots: 100" per region
   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html); automated snapshots are the instances'
   backups and are not held against it. moto's limit (MOTO_RDS_SNAPSHOT_LIMIT, 1000 by default, kept as the limit
   here) counts every snapshot, and moto takes an instance's first automated snapshot inside the create or restore
   call, so with many instances with backups every restore failed with SnapshotQuotaExceeded after the instance was
   made (1004 refused attempts in a 2000-run fleet benchmark). A manual snapshot or copy past the limit of manual ones
   is still refused; an automated one never.

8. Read replicas as RDS keeps them (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html).
   - CreateDBInstanceReadReplica refuses a name already taken (DBInstanceAlreadyExists,
     https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html); moto replaced
     the instance.
   - PromoteReadReplica refuses an instance that is not a read replica (InvalidDBInstanceState,
     https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_PromoteReadReplica.html); moto promoted anything.
     A promoted instance no longer names a source in ReadReplicaSourceDBInstanceIdentifier and its former source no
     longer lists it ("the read replica becomes a standalone DB instance",
     https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html); moto kept both.
   - Deleting a read replica takes it off its source's list, which names a cross-region replica by its ARN; moto
     looked for the bare name there and answered HTTP 500.
   Not modelled: promotion's minutes (modifying, backing-up, rebooting: the activities' tests script them), replication
   lag and StatusInfos, and moto's copying of the source's settings into a new replica.

9. Read replicas as the standby failover (issue 17) needs them on the sandbox. Their data is the sandbox module's
   (sandbox/README.md: a promoted replica gets its own PostgreSQL database, SandboxStandbyActivities); here:
   - A cross-region replica is placed in the DB subnet group its request names in the replica's region ("the DB
     subnet group must be in the same AWS Region as the read replica", DBSubnetGroupName in
     https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html). moto copies
     the source and sets the group before it moves the copy to its region, so it looked the group up in the
     source's region: DBSubnetGroupNotFoundFault for the catalog's drRestore.subnetGroup (mycomputer-dr-db exists in
     eu-central-1 only), and the failover's replica could not be created.
   - A read replica's CloudWatch metric ReplicaLag (namespace AWS/RDS, dimension DBInstanceIdentifier, seconds): RDS
     publishes one datapoint a minute for a read replica
     (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html,
     https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html); moto publishes nothing, so the standby
     failover found "no datapoint" and refused Payments (RPO 0) as of unknown lag. Here every instance created as a
     read replica has a datapoint of 0 s at the start of each minute from the minute it was created (in its own
     region, for GetMetricStatistics and GetMetricData alike, through moto's metric providers), until it is
     promoted: a promoted instance is no longer a replica and its series stops at the promotion, so nothing newer than
     the promotion is answered. 0 models a replica that is "caught up", never a real lag: the sandbox's replica has no
     replication to measure (the sandbox module gives it its own data only when it is promoted). Not modelled: any lag
     other than 0, a replica whose replication stopped or broke (the failover then sees 0, not "no datapoint"), and
     the series of a deleted replica (gone with it; CloudWatch keeps datapoints of a minute for 15 days:
     https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Metric). At most the last
     day of each series is answered, so a long-lived sandbox does not build thousands of datapoints per query.

10. Route 53 change batches as AWS applies them
   (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html): a batch is
   applied whole or not at all; a DELETE names one record set by Name, Type and SetIdentifier and must give its
   current values ("Tried to delete resource record set ... but the values provided do not match the current
   values", InvalidChangeBatch); a CREATE of a set that exists is refused ("... but it already exists"). moto deleted
   every set that shared the SetIdentifier, whatever its name, checked a DELETE against any values the set ever had,
   and applied a batch change by change. The database pointer's move is a DELETE of the set as read plus a CREATE:
   a compare-and-set only these semantics make safe.

11. Aurora global databases as the aurora-global standby (issue 17) needs them. moto 5.2.5 keeps every global cluster
   in its us-east-1 backend and has no SwitchoverGlobalCluster or FailoverGlobalCluster (HTTP 500).
   - SwitchoverGlobalCluster and FailoverGlobalCluster make TargetDbClusterIdentifier, a member named by its ARN (or
     identifier), the writer (IsWriter) and every other member a reader
     (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SwitchoverGlobalCluster.html,
     https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html), and answer the
     GlobalCluster. Refused: an unknown global cluster (GlobalClusterNotFoundFault), a target that is not one of its
     members (DBClusterNotFoundFault: of the errors both pages document, the one for a DB cluster identifier that
     names no cluster the call can use; AWS does not document which code it answers for a cluster that exists
     elsewhere), a global cluster whose Status is not available (InvalidGlobalClusterStateFault), and
     FailoverGlobalCluster with both AllowDataLoss and Switchover ("Can't be specified together",
     InvalidParameterCombination).
     Emulator choice: the change is whole when the call answers. AWS's takes minutes, with FailoverState (pending,
     failing-over) and Status switching-over or failing-over meanwhile
     (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverState.html); no FailoverState is ever
     reported here (the activities' tests script it). Not modelled either: a target that is already the writer (AWS's
     answer is not documented; here it stays the writer), data loss, replication, and the demoted writer's
     instances.
   - DescribeGlobalClusters with GlobalClusterIdentifier answers that one global cluster, or GlobalClusterNotFoundFault
     (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeGlobalClusters.html); moto listed every
     global cluster whatever was asked.
   - RemoveFromGlobalCluster from any region detaches the member (by ARN or identifier), which "becomes a standalone
     cluster" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RemoveFromGlobalCluster.html); moto
     looked the global cluster up in the request's region only and, outside us-east-1, answered nothing and kept
     the member, so the global cluster could never be deleted (DeleteGlobalCluster: "is not empty").
"""

import copy
import os
import secrets
import string
import sys
import threading
from datetime import datetime, timedelta, timezone

from moto.rds import models as rds
from moto.rds.exceptions import (DBClusterNotFoundError, DBInstanceAlreadyExists, DBInstanceNotFoundError,
                                 InvalidParameterCombination,
                                 InvalidParameterValue, KMSKeyNotAccessibleFault, RDSClientError,
                                 SnapshotQuotaExceededFault)
from moto.rds.responses import RDSResponse
from moto.cloudwatch.models import MetricDatum
from moto.core.common_models import CloudWatchMetricProvider
from moto.core.responses import ActionResult
from moto.route53 import models as route53
from moto.route53.exceptions import InvalidChangeBatch, Route53ClientError
from moto.core.utils import utcnow
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


class _ReplicatedBackup(_AutomatedBackup):
    """Automated backups of an instance in another region, replicated to this (the destination) one."""

    def __init__(self, backend, source_backend, db, retention, kms_key_id):
        self.started = datetime.now(timezone.utc)
        self.stopped = None
        super().__init__(source_backend, copy.copy(db), "replicating", self.started)
        self.source_db_instance_arn = db.db_instance_arn
        self.backup_retention_period = int(retention) if retention else int(db.backup_retention_period or 0)
        self.kms_key_id = kms_key_id
        self.encrypted = kms_key_id is not None
        # Its own ARN, in the destination region (the source's region stays in Region).
        self.db_instance_automated_backups_arn = (
            f"arn:aws:rds:{backend.region_name}:{backend.account_id}:auto-backup:ab-{db.dbi_resource_id[3:].lower()}")

    @property
    def restore_window(self):
        return {"EarliestTime": self.started, "LatestTime": self.stopped or datetime.now(timezone.utc)}

    @restore_window.setter
    def restore_window(self, _):
        pass  # always from the replication's start and end


def _replicated(backend):
    if not hasattr(backend, "dr_replicated_backups"):
        backend.dr_replicated_backups = []
    return backend.dr_replicated_backups


# (account, region) of every destination region a replication was started in, to find an instance's replications.
_DESTINATIONS = set()


def _replications_of(db):
    found = []
    for account, region in sorted(_DESTINATIONS):
        for b in getattr(rds.rds_backends[account][region], "dr_replicated_backups", []):
            if b.source_db_instance_arn == db.db_instance_arn and b.status == "replicating":
                found.append({"DBInstanceAutomatedBackupsArn": b.db_instance_automated_backups_arn})
    return found


def _source(arn):
    parts = (arn or "").split(":")
    if len(parts) != 7 or parts[:3] != ["arn", "aws", "rds"] or parts[5] != "db":
        raise InvalidParameterValue(f"SourceDBInstanceArn '{arn}' is not a DB instance ARN")
    region, account, identifier = parts[3], parts[4], parts[6]
    backend = rds.rds_backends[account][region]
    db = backend.databases.get(identifier)
    if db is None:
        raise DBInstanceNotFoundError(identifier)
    return backend, db


def _start_replication(self):
    p = self.params
    backend = self.backend
    arn = p.get("source_db_instance_arn")
    source_backend, db = _source(arn)
    if source_backend.region_name == backend.region_name:
        raise InvalidParameterValue(f"{arn} is in {backend.region_name}: replicate to another region")
    if int(db.backup_retention_period or 0) == 0:
        raise RDSClientError("InvalidDBInstanceState",
                             f"Automated backups are not enabled on {db.db_instance_identifier}")
    if any(b.source_db_instance_arn == arn and b.status == "replicating" for b in _replicated(backend)):
        raise RDSClientError("InvalidDBInstanceState", f"Automated backups of {db.db_instance_identifier} are already"
                             f" replicated to {backend.region_name}")
    key = p.get("kms_key_id")
    if key is not None and (not key.startswith("arn:aws:kms:") or key.split(":")[3] != backend.region_name):
        raise KMSKeyNotAccessibleFault(key)
    # A backup replicated earlier and stopped stays retained alongside (the source's resource id, hence the ARN, is
    # the same: AWS reuses it too), so drop that retained one first.
    replica = _ReplicatedBackup(backend, source_backend, db, p.get("backup_retention_period"), key)
    backend.dr_replicated_backups = [b for b in _replicated(backend)
                                     if b.db_instance_automated_backups_arn != replica.db_instance_automated_backups_arn]
    _replicated(backend).append(replica)
    _DESTINATIONS.add((backend.account_id, backend.region_name))
    return ActionResult({"DBInstanceAutomatedBackup": replica})


def _stop_replication(self):
    arn = self.params.get("source_db_instance_arn")
    active = [b for b in _replicated(self.backend) if b.source_db_instance_arn == arn and b.status == "replicating"]
    if not active:
        _source(arn)  # DBInstanceNotFound for an unknown source
        raise RDSClientError("InvalidDBInstanceState",
                             f"Automated backups of {arn} are not replicated to {self.backend.region_name}")
    replica = active[0]
    replica.status = "retained"
    replica.stopped = datetime.now(timezone.utc)
    return ActionResult({"DBInstanceAutomatedBackup": replica})


def _delete_automated_backup(self):
    arn = self.params.get("db_instance_automated_backups_arn")
    resource_id = self.params.get("dbi_resource_id")
    backend = self.backend
    for kept in (_replicated(backend), _retained(backend)):
        for b in kept:
            if b.status == "retained" and (b.db_instance_automated_backups_arn == arn
                                           or (resource_id and b.dbi_resource_id == resource_id)):
                kept.remove(b)
                b.status = "deleting"
                return ActionResult({"DBInstanceAutomatedBackup": b})
    raise RDSClientError("DBInstanceAutomatedBackupNotFound", f"No retained automated backup {arn or resource_id}")


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
    backups = active + _retained(self) + _replicated(self)
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
    found = [b for b in _retained(self) + _replicated(self)
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


def _describe_account_attributes(self):
    quota = int(os.environ.get("DR_SANDBOX_RDS_DB_INSTANCES_QUOTA", "40"))
    used = len(self.backend.databases)
    return ActionResult({"AccountQuotas": [{"AccountQuotaName": "DBInstances", "Used": used, "Max": quota}]})


# 7.: moto's own check counts every snapshot; it is lifted for these calls and the manual ones counted here.
_moto_snapshot_quota = rds.RDSBackend.SNAPSHOT_QUOTA  # a property reading MOTO_RDS_SNAPSHOT_LIMIT
_original_create_snapshot = rds.RDSBackend.create_db_snapshot
_original_copy_snapshot = rds.RDSBackend.copy_db_snapshot


def _snapshot_quota(self):
    return float("inf") if getattr(self, "_snapshot_quota_lifted", False) else _moto_snapshot_quota.fget(self)


def _manual_snapshots(backend):
    return sum(1 for s in backend.database_snapshots.values() if s.snapshot_type == "manual")


def _counting_manual_only(original, manual):
    def call(self, *args, **kwargs):
        if manual(args, kwargs) and _manual_snapshots(self) >= _moto_snapshot_quota.fget(self):
            raise SnapshotQuotaExceededFault()
        self._snapshot_quota_lifted = True  # this backend, for this call (requests run one at a time: 6.)
        try:
            return original(self, *args, **kwargs)
        finally:
            self._snapshot_quota_lifted = False
    return call


def _created_manual(args, kwargs):
    snapshot_type = kwargs.get("snapshot_type", args[2] if len(args) > 2 else "manual")
    return snapshot_type == "manual"


# 8.: read replicas.
_original_create_replica = rds.RDSBackend.create_db_instance_read_replica
_original_promote = rds.RDSBackend.promote_read_replica


def _create_replica(self, db_kwargs):
    if db_kwargs["db_instance_identifier"] in self.databases:
        raise DBInstanceAlreadyExists()
    # 9.: the target region's backend first, so that moto's copy resolves DBSubnetGroupName (and everything else
    # regional) in the replica's region; moto adds "backend" last for a source named by ARN.
    replica = _original_create_replica(self, {"backend": self, **db_kwargs})
    # 9.: its ReplicaLag series starts now (moto's replica is a copy of its source, creation time included).
    replica.dr_replica_since = utcnow()
    replica.dr_promoted_at = None
    return replica


def _unlist_replica(backend, replica):
    """Takes replica off its source's list, where a cross-region replica is named by its ARN."""
    try:
        source = backend.find_db_from_id(replica.source_db_instance_identifier)
    except DBInstanceNotFoundError:
        return
    for name in (replica.db_instance_arn, replica.db_instance_identifier):
        if name in source.replicas:
            source.replicas.remove(name)


def _promote(self, db_kwargs):
    database = self.databases.get(db_kwargs["db_instance_identifier"])
    if database is None:
        raise DBInstanceNotFoundError(db_kwargs["db_instance_identifier"])
    if not database.is_replica or not database.source_db_instance_identifier:
        raise RDSClientError("InvalidDBInstanceState", f"DB instance {database.db_instance_identifier} is not a read replica.")
    _unlist_replica(self, database)
    promoted = _original_promote(self, db_kwargs)
    promoted.source_db_instance_identifier = None
    promoted.dr_promoted_at = utcnow()  # 9.: its ReplicaLag series ends here
    return promoted


def _delete_replica_too(delete):
    def call(self, db_instance_identifier, *args, **kwargs):
        database = self.databases.get(db_instance_identifier)
        if database is None or not database.is_replica or not database.source_db_instance_identifier:
            return delete(self, db_instance_identifier, *args, **kwargs)
        _unlist_replica(self, database)
        database.is_replica = False  # moto's own unlisting looks for the bare name only
        try:
            return delete(self, db_instance_identifier, *args, **kwargs)
        except Exception:
            database.is_replica = True
            self.find_db_from_id(database.source_db_instance_identifier).add_replica(database)
            raise
    return call


# 9.: ReplicaLag of read replicas, 0 s a minute while they are replicas.
_LAG_PERIOD = timedelta(minutes=1)
_LAG_HISTORY = timedelta(days=1)


def _replica_lag_series(db, now):
    """The minutes (naive UTC, as moto's CloudWatch keeps them) at which db published ReplicaLag: from the minute it
    was created as a replica until it was promoted (or now), at most the last _LAG_HISTORY of them."""
    since = getattr(db, "dr_replica_since", None)
    if since is None:
        return []  # never created as a replica here (a source, a restore, a seeded instance)
    until = getattr(db, "dr_promoted_at", None) or now
    minute = max(since, now - _LAG_HISTORY).replace(second=0, microsecond=0)
    series = []
    while minute <= until:
        series.append(minute)
        minute += _LAG_PERIOD
    return series


class _ReplicaLagMetrics(CloudWatchMetricProvider):
    """moto's CloudWatch asks every CloudWatchMetricProvider subclass for the metrics AWS publishes itself (as
    moto's S3 provides BucketSizeBytes); this one provides RDS's ReplicaLag."""

    @staticmethod
    def get_cloudwatch_metrics(account_id, region):
        now = utcnow()
        with _RDS_REQUESTS:  # the instances as one RDS request leaves them (6.)
            backend = rds.rds_backends[account_id][region]
            series = [(db.db_instance_identifier, _replica_lag_series(db, now))
                      for db in list(backend.databases.values())]
        return [MetricDatum(namespace="AWS/RDS", name="ReplicaLag", value=0.0,
                            dimensions=[{"Name": "DBInstanceIdentifier", "Value": name}], timestamp=minute,
                            unit="Seconds")
                for name, minutes in series for minute in minutes]


# 6.: one lock for every RDS request in every region, so none sees another's dict changes half-made.
_RDS_REQUESTS = threading.RLock()
_original_call_action = RDSResponse.call_action


def _call_action_alone(self):
    with _RDS_REQUESTS:
        return _original_call_action(self)


# 10.: Route 53 change batches, whole or nothing, each DELETE of one set with its current values.
_original_change_rrsets = route53.Route53Backend.change_resource_record_sets
_ROUTE53_CHANGES = threading.RLock()


def _invalid_change_batch(message):
    """moto's InvalidChangeBatch with this message (its own has one fixed message, the record limit; moto finds the
    error's service by the exception class's module, so a class of ours would not serialise)."""
    error = InvalidChangeBatch.__new__(InvalidChangeBatch)
    Route53ClientError.__init__(error, "InvalidChangeBatch", message)
    return error


def _rrset_key(rrset):
    """Name, Type, SetIdentifier of a request's set (a dict) or moto's RecordSet."""
    if isinstance(rrset, dict):
        return (rrset["Name"].rstrip(".").lower(), rrset.get("Type"), rrset.get("SetIdentifier"))
    return (rrset.name.rstrip(".").lower(), rrset.type, rrset.set_identifier)


def _text(value):
    return None if value is None else str(value).lower()


def _rrset_values(rrset):
    """What a DELETE must match: every value of the set, compared as text."""
    if isinstance(rrset, dict):
        get = rrset.get
        records = [r["Value"] if isinstance(r, dict) else r for r in rrset.get("ResourceRecords") or []]
    else:
        fields = {"TTL": rrset.ttl, "Weight": rrset.weight, "Region": rrset.region, "Failover": rrset.failover,
                  "HealthCheckId": rrset.health_check_id, "MultiValueAnswer": rrset.multi_value_answer,
                  "AliasTarget": rrset.alias_target, "GeoLocation": rrset.geo_location}
        get = fields.get
        records = list(rrset.records or [])
    alias = get("AliasTarget")
    return {"TTL": _text(get("TTL")), "Weight": _text(get("Weight")), "Region": _text(get("Region")),
            "Failover": _text(get("Failover")), "HealthCheckId": _text(get("HealthCheckId")),
            "MultiValueAnswer": _text(get("MultiValueAnswer")), "GeoLocation": _text(get("GeoLocation")),
            "AliasTarget": None if not alias else _text(alias.get("DNSName", "")).rstrip("."),
            "ResourceRecords": sorted(_text(r).rstrip(".") for r in records)}


def _describe_rrset(key):
    name, type_, set_identifier = key
    return f"[name='{name}.', type='{type_}'" + (f", set-identifier='{set_identifier}'" if set_identifier else "") + "]"


def _change_rrsets(self, zoneid, change_list):
    zone = self.get_hosted_zone(zoneid)
    with _ROUTE53_CHANGES:
        pending = {_rrset_key(r): r for r in zone.rrsets}
        for change in change_list:
            rrset = change["ResourceRecordSet"]
            key = _rrset_key(rrset)
            if change["Action"] == "DELETE":
                if key not in pending:
                    raise _invalid_change_batch(f"Tried to delete resource record set {_describe_rrset(key)} but it was not found")
                if _rrset_values(pending[key]) != _rrset_values(rrset):
                    raise _invalid_change_batch(f"Tried to delete resource record set {_describe_rrset(key)} but the values"
                                             " provided do not match the current values")
                del pending[key]
            elif change["Action"] == "CREATE":
                if key in pending:
                    raise _invalid_change_batch(f"Tried to create resource record set {_describe_rrset(key)} but it already exists")
                pending[key] = rrset
            else:
                pending[key] = rrset
        saved = list(zone.rrsets)
        try:
            for change in change_list:
                if change["Action"] == "DELETE":
                    key = _rrset_key(change["ResourceRecordSet"])
                    zone.rrsets = [r for r in zone.rrsets if _rrset_key(r) != key]
                    zone.rr_changes.append(copy.deepcopy(change))
                else:
                    _original_change_rrsets(self, zoneid, [change])
        except Exception:
            zone.rrsets = saved
            raise


# 11.: Aurora global databases: a writer that changes, describe by identifier, members removed from any region.
def _global_clusters(self):
    """Every global cluster: moto keeps them in its us-east-1 backend, whatever the request's region."""
    return rds.rds_backends[self.current_account]["us-east-1"].global_clusters


def _global_cluster(self, identifier):
    found = _global_clusters(self).get(identifier)
    if found is None:
        raise RDSClientError("GlobalClusterNotFoundFault", f"Global cluster {identifier} not found")
    return found


def _member(global_cluster, cluster_identifier):
    """The member named by its ARN or identifier; None when it is none."""
    return next((m for m in global_cluster.members
                 if cluster_identifier in (m.db_cluster_arn, m.db_cluster_identifier)), None)


_original_describe_global_clusters = RDSResponse.describe_global_clusters


def _describe_global_clusters(self):
    identifier = self.params.get("GlobalClusterIdentifier")
    if not identifier:
        return _original_describe_global_clusters(self)
    return ActionResult({"GlobalClusters": [_global_cluster(self, identifier)]})


def _change_writer(self):
    p = self.params
    global_cluster = _global_cluster(self, p["GlobalClusterIdentifier"])
    target = _member(global_cluster, p["TargetDbClusterIdentifier"])
    if target is None:
        raise DBClusterNotFoundError(p["TargetDbClusterIdentifier"],
                                     f"DBCluster {p['TargetDbClusterIdentifier']} is not a member of global cluster"
                                     f" {global_cluster.global_cluster_identifier}")
    if global_cluster.status != "available":
        raise RDSClientError("InvalidGlobalClusterStateFault",
                             f"Global cluster {global_cluster.global_cluster_identifier} is {global_cluster.status}")
    for member in global_cluster.members:
        member.is_writer = member is target
    return ActionResult({"GlobalCluster": global_cluster})


def _failover_global_cluster(self):
    if self.params.get("AllowDataLoss") and self.params.get("Switchover"):
        raise InvalidParameterCombination("AllowDataLoss and Switchover can't be specified together")
    return _change_writer(self)


def _remove_from_global_cluster(self):
    p = self.params
    global_cluster = _global_cluster(self, p["GlobalClusterIdentifier"])
    member = _member(global_cluster, p["DbClusterIdentifier"])
    if member is None:
        raise DBClusterNotFoundError(p["DbClusterIdentifier"])
    global_cluster.members.remove(member)
    member.global_cluster_identifier = None
    member.is_writer = False
    return ActionResult({"GlobalCluster": global_cluster})


rds.DBInstance.__init__ = _init
rds.RDSBackend.delete_db_instance = _delete
rds.RDSBackend.describe_db_instance_automated_backups = _describe_backups
rds.RDSBackend.restore_db_instance_to_point_in_time = _restore
rds.DBInstance.db_instance_automated_backups_replications = property(_replications_of)
RDSResponse.start_db_instance_automated_backups_replication = _start_replication
RDSResponse.stop_db_instance_automated_backups_replication = _stop_replication
RDSResponse.delete_db_instance_automated_backup = _delete_automated_backup
RDSResponse.describe_account_attributes = _describe_account_attributes
RDSResponse.call_action = _call_action_alone
rds.RDSBackend.create_db_instance_read_replica = _create_replica
rds.RDSBackend.promote_read_replica = _promote
rds.RDSBackend.delete_db_instance = _delete_replica_too(rds.RDSBackend.delete_db_instance)
rds.RDSBackend.SNAPSHOT_QUOTA = property(_snapshot_quota)
rds.RDSBackend.create_db_snapshot = _counting_manual_only(_original_create_snapshot, _created_manual)
rds.RDSBackend.copy_db_snapshot = _counting_manual_only(_original_copy_snapshot, lambda args, kwargs: True)
route53.Route53Backend.change_resource_record_sets = _change_rrsets
RDSResponse.describe_global_clusters = _describe_global_clusters
RDSResponse.switchover_global_cluster = _change_writer
RDSResponse.failover_global_cluster = _failover_global_cluster
RDSResponse.remove_from_global_cluster = _remove_from_global_cluster

if __name__ == "__main__":
    main(sys.argv[1:])
