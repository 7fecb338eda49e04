"""Checks additions 6, 7, 8, 9, 10 and 11 of moto_server_additions.py.

6 (one RDS request at a time): a DeleteDBInstance that runs while another request adds an instance deletes the
instance's automated ("rds:") snapshots with it and answers 200, as AWS's does
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html).

7 (the snapshot quota counts manual snapshots): with the limit at 3, instances and restores keep getting their
automated snapshots past 3, while a fourth manual snapshot, or a copy, is refused with SnapshotQuotaExceeded
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html).

8 (read replicas): a cross-region replica's second create is refused, a non-replica's promotion is refused, a
promoted replica names no source and its source lists it no more, and a replica deletes cleanly.

9 (read replicas for the standby failover): a cross-region replica is placed in the DB subnet group of its own
region that its request names, one the source's region does not have
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html); and
GetMetricStatistics of AWS/RDS ReplicaLag answers a read replica one datapoint of 0 s a minute since
its creation, its source none, and the promoted replica none after its promotion
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html). The replica's creation and
promotion are moved back in time in this process (as if they had happened minutes ago) so that minutes have passed.

10 (Route 53 change batches): deleting one name's set "eu" leaves another name's set "eu"; a DELETE with stale
values is refused with InvalidChangeBatch and the CREATE in its batch is not applied; a CREATE of an existing set is
refused (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html).

11 (Aurora global databases): with a primary cluster in eu-west-1 and a secondary in eu-central-1, DescribeGlobalClusters
by identifier answers that one (an unknown one GlobalClusterNotFoundFault); SwitchoverGlobalCluster makes the secondary
the writer, FailoverGlobalCluster with AllowDataLoss the primary again; a target that is not a member is refused with
DBClusterNotFoundFault; RemoveFromGlobalCluster from each member's region empties it, and it deletes
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SwitchoverGlobalCluster.html).

Runs the additions in this process, behind moto's threaded server on a free port, and slows moto's filter loop
(each item 50 ms) so the concurrent request lands inside DeleteDBInstance's walk over the snapshots every time:
without the lock that walk fails ("OrderedDict mutated during iteration", HTTP 500) after the instance is gone and
before its snapshots are, which the fleet benchmark met in 5 of 500 runs. Exit status 0 when the check holds, 1 with
what went wrong. Run by sandbox/src/test/.../MotoServerAdditionsCheckTest with the sandbox's venv python.
"""

import logging
import os
import sys
import threading
import time
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import moto_server_additions  # noqa: E402,F401  (importing applies the additions)

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
from moto.moto_server.threaded_moto_server import ThreadedMotoServer  # noqa: E402
from moto.rds import models as rds_models  # noqa: E402

STEP_SECONDS = 0.05
REGION = "eu-west-1"
_slow = threading.Event()
_original_apply_filter = rds_models.apply_filter


class _SlowItems:
    """The resources dict as apply_filter walks it, one item per STEP_SECONDS: the live dict, so a change made
    meanwhile by another request fails the walk as it does in moto."""

    def __init__(self, resources):
        self.resources = resources

    def items(self):
        for item in self.resources.items():
            yield item
            time.sleep(STEP_SECONDS)


def _slow_apply_filter(resources, filters, filter_defs):
    if _slow.is_set():
        resources = _SlowItems(resources)
    return _original_apply_filter(resources, filters, filter_defs)


def _instance(client, name):
    client.create_db_instance(DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t3.micro",
                              AllocatedStorage=20, MasterUsername="dr", MasterUserPassword="not-a-secret-1",
                              BackupRetentionPeriod=1)


def _automated_snapshots(client, instance):
    return [s["DBSnapshotIdentifier"] for s in
            client.describe_db_snapshots(DBInstanceIdentifier=instance, SnapshotType="automated")["DBSnapshots"]]


def _refused_for_quota(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001
        return "SnapshotQuotaExceeded" in str(e)
    return False


def check_manual_snapshot_quota(endpoint):
    """Addition 7, in its own region: None when it holds, else what went wrong."""
    os.environ["MOTO_RDS_SNAPSHOT_LIMIT"] = "3"
    try:
        client = boto3.client("rds", endpoint_url=endpoint, region_name="eu-central-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing",
                              config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
        for i in range(4):  # four automated snapshots: past the limit of 3
            try:
                _instance(client, f"dr-quota-{i}")
            except Exception as e:  # noqa: BLE001
                return f"instance {i + 1} with backups refused ({str(e).splitlines()[0]}): automated ones counted"
        for i in range(3):
            client.create_db_snapshot(DBInstanceIdentifier="dr-quota-0", DBSnapshotIdentifier=f"dr-manual-{i}")
        client.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="dr-quota-restored",
                                                    DBSnapshotIdentifier="dr-manual-0")
        if not _refused_for_quota(lambda: client.create_db_snapshot(DBInstanceIdentifier="dr-quota-0",
                                                                    DBSnapshotIdentifier="dr-manual-3")):
            return "a fourth manual snapshot past the limit of 3 was not refused"
        if not _refused_for_quota(lambda: client.copy_db_snapshot(SourceDBSnapshotIdentifier="dr-manual-0",
                                                                  TargetDBSnapshotIdentifier="dr-manual-copy")):
            return "a manual copy past the limit of 3 was not refused"
        return None
    finally:
        del os.environ["MOTO_RDS_SNAPSHOT_LIMIT"]


def _code(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001
        return getattr(e, "response", {}).get("Error", {}).get("Code", str(e).splitlines()[0])
    return None


def check_read_replicas(endpoint):
    """Addition 8, from eu-west-1 to us-east-1: None when it holds, else what went wrong."""
    def client(region):
        return boto3.client("rds", endpoint_url=endpoint, region_name=region, aws_access_key_id="testing",
                            aws_secret_access_key="testing",
                            config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
    west, east = client(REGION), client("us-east-1")
    _instance(west, "dr-replica-source")
    source_arn = west.describe_db_instances(DBInstanceIdentifier="dr-replica-source")["DBInstances"][0]["DBInstanceArn"]

    def replica(name):
        east.create_db_instance_read_replica(DBInstanceIdentifier=name, SourceDBInstanceIdentifier=source_arn,
                                             SourceRegion=REGION)

    def listed():
        return west.describe_db_instances(DBInstanceIdentifier="dr-replica-source")["DBInstances"][0].get(
            "ReadReplicaDBInstanceIdentifiers", [])

    replica("dr-replica-promoted")
    replica("dr-replica-deleted")
    problems = []
    if _code(lambda: replica("dr-replica-promoted")) != "DBInstanceAlreadyExists":
        problems.append("a second CreateDBInstanceReadReplica of the same name was not refused")
    if _code(lambda: west.promote_read_replica(DBInstanceIdentifier="dr-replica-source")) != "InvalidDBInstanceState":
        problems.append("promoting an instance that is not a read replica was not refused")
    east.promote_read_replica(DBInstanceIdentifier="dr-replica-promoted", BackupRetentionPeriod=1)
    promoted = east.describe_db_instances(DBInstanceIdentifier="dr-replica-promoted")["DBInstances"][0]
    if promoted.get("ReadReplicaSourceDBInstanceIdentifier"):
        problems.append(f"a promoted replica still names its source {promoted['ReadReplicaSourceDBInstanceIdentifier']}")
    if any("dr-replica-promoted" in name for name in listed()):
        problems.append(f"the source still lists the promoted replica: {listed()}")
    deleted = _code(lambda: east.delete_db_instance(DBInstanceIdentifier="dr-replica-deleted", SkipFinalSnapshot=True))
    if deleted:
        problems.append(f"deleting a cross-region replica failed: {deleted}")
    elif any("dr-replica-deleted" in name for name in listed()):
        problems.append(f"the source still lists the deleted replica: {listed()}")
    return "; ".join(problems) or None



def check_global_clusters(endpoint):
    """Addition 11: None when it holds, else what went wrong."""
    def client(region):
        return boto3.client("rds", endpoint_url=endpoint, region_name=region, aws_access_key_id="testing",
                            aws_secret_access_key="testing",
                            config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
    west, central = client(REGION), client("eu-central-1")
    name = "dr-check-global"
    west.create_global_cluster(GlobalClusterIdentifier=name, Engine="aurora-postgresql")
    primary = west.create_db_cluster(DBClusterIdentifier="dr-check-global-primary", Engine="aurora-postgresql",
                                     MasterUsername="someone", MasterUserPassword="not-a-secret-1",
                                     GlobalClusterIdentifier=name)["DBCluster"]["DBClusterArn"]
    secondary = central.create_db_cluster(DBClusterIdentifier="dr-check-global-secondary", Engine="aurora-postgresql",
                                          GlobalClusterIdentifier=name)["DBCluster"]["DBClusterArn"]
    west.create_global_cluster(GlobalClusterIdentifier="dr-check-global-bystander", Engine="aurora-postgresql")

    def writer():
        found = central.describe_global_clusters(GlobalClusterIdentifier=name)["GlobalClusters"]
        if [g["GlobalClusterIdentifier"] for g in found] != [name]:
            return f"described {[g['GlobalClusterIdentifier'] for g in found]} for {name}"
        return [m["DBClusterArn"] for m in found[0]["GlobalClusterMembers"] if m["IsWriter"]]

    problems = []
    if writer() != [primary]:
        problems.append(f"before the switchover: {writer()}")
    if _code(lambda: central.describe_global_clusters(GlobalClusterIdentifier="dr-check-none")) != "GlobalClusterNotFoundFault":
        problems.append("an unknown global cluster was not GlobalClusterNotFoundFault")
    switched = _code(lambda: central.switchover_global_cluster(GlobalClusterIdentifier=name,
                                                               TargetDbClusterIdentifier=secondary))
    if switched or writer() != [secondary]:
        problems.append(f"after SwitchoverGlobalCluster ({switched}) the writer is {writer()}, not {secondary}")
    failed_over = _code(lambda: central.failover_global_cluster(GlobalClusterIdentifier=name,
                                                                TargetDbClusterIdentifier=primary, AllowDataLoss=True))
    if failed_over or writer() != [primary]:
        problems.append(f"after FailoverGlobalCluster ({failed_over}) the writer is {writer()}, not {primary}")
    stranger = primary.replace("dr-check-global-primary", "dr-check-not-a-member")
    refused = _code(lambda: central.switchover_global_cluster(GlobalClusterIdentifier=name,
                                                              TargetDbClusterIdentifier=stranger))
    if refused != "DBClusterNotFoundFault":
        problems.append(f"a target that is not a member was answered {refused}, not DBClusterNotFoundFault")
    central.remove_from_global_cluster(GlobalClusterIdentifier=name, DbClusterIdentifier=secondary)
    west.remove_from_global_cluster(GlobalClusterIdentifier=name, DbClusterIdentifier=primary)
    central.delete_db_cluster(DBClusterIdentifier="dr-check-global-secondary", SkipFinalSnapshot=True)
    west.delete_db_cluster(DBClusterIdentifier="dr-check-global-primary", SkipFinalSnapshot=True)
    deleted = _code(lambda: west.delete_global_cluster(GlobalClusterIdentifier=name))
    if deleted:
        problems.append(f"the global cluster without members did not delete: {deleted}")
    west.delete_global_cluster(GlobalClusterIdentifier="dr-check-global-bystander")
    return "; ".join(problems) or None



def check_route53_batches(endpoint):
    """None when Route 53 change batches behave as addition 10 says, else what went wrong."""
    r53 = boto3.client("route53", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="check",
                       aws_secret_access_key="check")
    zone = r53.create_hosted_zone(Name="check.internal", CallerReference="dr-check-batches")["HostedZone"]["Id"]

    def cname(name, value, set_identifier="eu", ttl=60):
        return {"Name": f"{name}.check.internal.", "Type": "CNAME", "TTL": ttl, "SetIdentifier": set_identifier,
                "Weight": 100, "ResourceRecords": [{"Value": value}]}

    def change(*changes):
        r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={
            "Changes": [{"Action": action, "ResourceRecordSet": rrset} for action, rrset in changes]})

    def sets():
        return sorted((s["Name"], s.get("SetIdentifier"), s["ResourceRecords"][0]["Value"], s["TTL"])
                      for s in r53.list_resource_record_sets(HostedZoneId=zone)["ResourceRecordSets"]
                      if s["Type"] == "CNAME")

    def refused(*changes):
        try:
            change(*changes)
        except r53.exceptions.InvalidChangeBatch:
            return True
        return False

    change(("CREATE", cname("a", "old.example")), ("CREATE", cname("b", "old.example")))
    change(("DELETE", cname("a", "old.example")), ("CREATE", cname("a", "new.example")))
    if ("b.check.internal.", "eu", "old.example", 60) not in sets():
        return f"deleting a's set eu took b's with it: {sets()}"
    if not refused(("DELETE", cname("a", "old.example")), ("CREATE", cname("a", "newer.example"))):
        return f"a DELETE with stale values was applied: {sets()}"
    if not refused(("DELETE", cname("a", "new.example", ttl=300)), ("CREATE", cname("a", "newer.example"))):
        return f"a DELETE with another TTL was applied: {sets()}"
    if not refused(("CREATE", cname("b", "other.example"))):
        return f"a CREATE of an existing set was applied: {sets()}"
    expected = [("a.check.internal.", "eu", "new.example", 60), ("b.check.internal.", "eu", "old.example", 60)]
    if sets() != expected:
        return f"a refused batch changed the zone: {sets()}, expected {expected}"
    return None


def _lag_points(cloudwatch, instance, start, end):
    """ReplicaLag datapoints of instance between start and end, oldest first, as (timestamp, Maximum)."""
    answer = cloudwatch.get_metric_statistics(
        Namespace="AWS/RDS", MetricName="ReplicaLag", StartTime=start, EndTime=end, Period=60,
        Statistics=["Maximum"], Dimensions=[{"Name": "DBInstanceIdentifier", "Value": instance}])
    return sorted((p["Timestamp"], p["Maximum"]) for p in answer["Datapoints"])


def check_replica_lag(endpoint):
    """Addition 9, a replica in us-east-1 of an instance in eu-west-1: None when it holds, else what went wrong."""
    def client(service, region):
        return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id="testing",
                            aws_secret_access_key="testing",
                            config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
    west, east, watch = client("rds", REGION), client("rds", "us-east-1"), client("cloudwatch", "us-east-1")
    _instance(west, "dr-lag-source")
    source_arn = west.describe_db_instances(DBInstanceIdentifier="dr-lag-source")["DBInstances"][0]["DBInstanceArn"]
    east.create_db_instance_read_replica(DBInstanceIdentifier="dr-lag-replica", SourceDBInstanceIdentifier=source_arn,
                                         SourceRegion=REGION)
    replica = rds_models.rds_backends["123456789012"]["us-east-1"].databases["dr-lag-replica"]
    if getattr(replica, "dr_replica_since", None) is None:
        return "a read replica has no ReplicaLag series (moto_server_additions.py, 9., did not record its creation)"
    replica.dr_replica_since -= timedelta(minutes=10)  # as if created ten minutes ago
    now = datetime.now(timezone.utc)
    problems = []
    points = _lag_points(watch, "dr-lag-replica", now - timedelta(minutes=5), now)
    if len(points) < 4 or any(value != 0 for _, value in points):
        problems.append(f"a replica created ten minutes ago answered {points} over the last five minutes, not one"
                        " datapoint of 0 a minute")
    source_points = _lag_points(client("cloudwatch", REGION), "dr-lag-source", now - timedelta(minutes=5), now)
    if source_points:
        problems.append(f"the replica's source, no replica, answered ReplicaLag {source_points}")
    east.promote_read_replica(DBInstanceIdentifier="dr-lag-replica", BackupRetentionPeriod=1)
    if getattr(replica, "dr_promoted_at", None) is None:
        return "; ".join(problems + ["a promoted replica's ReplicaLag series has no end (9. did not record the"
                                     " promotion)"])
    replica.dr_promoted_at -= timedelta(minutes=5)  # as if promoted five minutes ago
    promoted_at = replica.dr_promoted_at.replace(tzinfo=timezone.utc)
    after = [p for p in _lag_points(watch, "dr-lag-replica", now - timedelta(minutes=15), now) if p[0] > promoted_at]
    before = _lag_points(watch, "dr-lag-replica", now - timedelta(minutes=15), promoted_at)
    if after:
        problems.append(f"a replica promoted five minutes ago answered datapoints after its promotion: {after}")
    if len(before) < 4:
        problems.append(f"a promoted replica lost the datapoints of its time as a replica: {before}")
    return "; ".join(problems) or None


def check_replica_subnet_group(endpoint):
    """Addition 9, a replica in us-east-1 placed in a subnet group that exists there only: None when it holds."""
    def client(service, region):
        return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id="testing",
                            aws_secret_access_key="testing",
                            config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
    west, east, ec2 = client("rds", REGION), client("rds", "us-east-1"), client("ec2", "us-east-1")
    vpc = ec2.create_vpc(CidrBlock="10.61.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.61.{i}.0/24", AvailabilityZone=f"us-east-1{zone}")
               ["Subnet"]["SubnetId"] for i, zone in ((1, "a"), (2, "b"))]
    east.create_db_subnet_group(DBSubnetGroupName="dr-replica-east-only", DBSubnetGroupDescription="check",
                                SubnetIds=subnets)
    _instance(west, "dr-subnet-source")
    source_arn = west.describe_db_instances(DBInstanceIdentifier="dr-subnet-source")["DBInstances"][0]["DBInstanceArn"]
    refused = _code(lambda: east.create_db_instance_read_replica(
        DBInstanceIdentifier="dr-subnet-replica", SourceDBInstanceIdentifier=source_arn, SourceRegion=REGION,
        DBSubnetGroupName="dr-replica-east-only"))
    if refused:
        return f"a cross-region replica in the subnet group of its own region was refused: {refused}"
    placed = east.describe_db_instances(DBInstanceIdentifier="dr-subnet-replica")["DBInstances"][0]
    group = placed.get("DBSubnetGroup", {}).get("DBSubnetGroupName")
    if group != "dr-replica-east-only":
        return f"a cross-region replica was placed in subnet group {group}, not dr-replica-east-only"
    return None


def main():
    rds_models.apply_filter = _slow_apply_filter
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        # No retries: the SDK's retry of a 500 is what hid the half-done delete (DBInstanceNotFound).
        client = boto3.client("rds", endpoint_url=f"http://{host}:{port}", region_name=REGION,
                              aws_access_key_id="testing", aws_secret_access_key="testing",
                              config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
        for name in ("dr-check-bystander-a", "dr-check-bystander-b", "dr-check-deleted"):
            _instance(client, name)  # each with its automated snapshot, so the walk has items to be slow on
        if not _automated_snapshots(client, "dr-check-deleted"):
            return "moto made no automated snapshot for a new instance with BackupRetentionPeriod 1: check moot"

        failures = []

        def delete():
            try:
                client.delete_db_instance(DBInstanceIdentifier="dr-check-deleted", SkipFinalSnapshot=True,
                                          DeleteAutomatedBackups=True)
            except Exception as e:  # noqa: BLE001  (moto's 500 is an HTML page: botocore's parser error)
                failures.append(f"DeleteDBInstance failed: {str(e).splitlines()[0]}")

        _slow.set()
        deleting = threading.Thread(target=delete)
        deleting.start()
        time.sleep(STEP_SECONDS)  # inside the delete's walk over the snapshots (3 items, 50 ms each)
        _instance(client, "dr-check-newcomer")
        deleting.join(timeout=60)
        _slow.clear()

        left = _automated_snapshots(client, "dr-check-deleted")
        if left:
            failures.append(f"automated snapshots of the deleted instance left: {left}")
        quota = check_manual_snapshot_quota(f"http://{host}:{port}")
        if quota:
            failures.append(quota)
        replicas = check_read_replicas(f"http://{host}:{port}")
        if replicas:
            failures.append(replicas)
        subnet_group = check_replica_subnet_group(f"http://{host}:{port}")
        if subnet_group:
            failures.append(subnet_group)
        lag = check_replica_lag(f"http://{host}:{port}")
        if lag:
            failures.append(lag)
        batches = check_route53_batches(f"http://{host}:{port}")
        if batches:
            failures.append(batches)
        try:
            global_clusters = check_global_clusters(f"http://{host}:{port}")
        except Exception as e:  # noqa: BLE001  (without addition 11 moto answers a switchover HTTP 500)
            global_clusters = f"Aurora global clusters: {str(e).splitlines()[0]}"
        if global_clusters:
            failures.append(global_clusters)
        if failures:
            return "; ".join(failures)
        return None
    finally:
        server.stop()


if __name__ == "__main__":
    problem = main()
    if problem:
        print(f"FAILED: {problem}")
        sys.exit(1)
    print("ok: DeleteDBInstance during a concurrent CreateDBInstance took its automated snapshots with it;"
          " the snapshot quota counted manual snapshots only; read replicas were created, promoted and deleted as"
          " RDS's are; a cross-region replica was placed in its own region's subnet group; its ReplicaLag was 0 a minute"
          " until its promotion; Route 53 change batches were applied whole, each DELETE of one set with its current"
          " values; an Aurora global database's writer was switched over and failed over, and it was emptied and"
          " deleted")
