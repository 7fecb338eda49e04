#!/usr/bin/env python3
"""Seed the runbook's AWS world into the sandbox's AWS emulator (moto).

Creates exactly the resources named in the service catalog (deploy/catalog/mycomputer.yaml):
RDS instances and snapshots (and the subnet and parameter groups of database.restore in the primary region and
database.drRestore in the DR region), the Route53 zone with weighted Primary/Secondary alias records and a
health check per record, each standby service's database pointer (recovery.databasePointer: a private zone with a
simple CNAME to its primary instance's endpoint, or a String parameter holding it), the CloudWatch alarms named by the records' primary and secondary, the S3
buckets with their -dr replicas, and the ECS clusters, task definitions and services. Idempotent: every resource is looked up before it is created, nothing that exists is
modified, so a second run creates nothing (and leaves, say, a failed-over DNS weight alone). The one
thing each run adds anew is a datapoint of each replicated bucket's S3 ReplicationLatency metric,
as S3 publishes one every minute while objects replicate (moto neither replicates nor publishes it);
the one thing it changes is a database pointer CNAME that names no instance any more (put back at
the primary, so `sandbox seed` restores a standby tried by hand once its instances are deleted).

Some resources are deliberately OFF-POLICY so the backup-policy procedure has work to do:
  - mycomputer-inventory-db: retention 7 days, window 22:00-22:30, IAM database auth off
  - mycomputer-locations-db: retention 14 days
  - mycomputer-assets (and mycomputer-assets-dr): no versioning, no replication
Production tags are service=<catalog key>, environment=production. Nothing seeded here carries
created-by=dr-runbooks: that tag marks what the workflows create.

Usage: seed_world.py [--endpoint URL] [--catalog PATH]   (defaults: $AWS_ENDPOINT_URL, $DR_CATALOG)
Run with the sandbox venv's python (boto3, PyYAML).
"""
import argparse
import datetime
import os
import sys

import boto3
import yaml
from botocore.exceptions import ClientError

# ---- deliberate deviations from the catalog's backup policy -------------------------------------
OFF_POLICY_DB = {
    "inventory": {"retentionDays": 7, "window": "22:00-22:30", "iamDatabaseAuthentication": False},
    "locations": {"retentionDays": 14},
}
OFF_POLICY_BUCKETS = {"assets"}  # no versioning (source and replica) and no replication rule
INVENTORY_MANUAL_SNAPSHOTS = ["inventory-snapshot-20240114", "inventory-snapshot-20240115"]
INVENTORY_DR_SNAPSHOT = "inventory-dr-snapshot"  # copy of the newest manual snapshot in the DR region
DR_CLUSTER = "mycomputer-dr"
TASK_DEF_REVISIONS = 3
STABLE_REVISION, LATEST_REVISION = 2, 3
PROD_DESIRED, DR_DESIRED = 2, 0
ZONE_CALLER_REF = "dr-runbooks-sandbox:zone:{zone}"
PRIVATE_ZONE_VPC_CIDR = "10.30.0.0/16"  # the VPC a private pointer zone is associated with (primary region)
POINTER_TTL = 60
HEALTH_CHECK_CALLER_REF = "dr-runbooks-sandbox:healthcheck:{name}:primary"
# The catalog's alarms (<record>-primary-unhealthy, <record>-secondary-unhealthy) watch the 5XX count
# of the side's load balancer in the side's region (Route53's HealthCheckStatus metric only exists in
# us-east-1). The load balancer id is made up: moto has no ELB behind the alias names.
ALARM_METRIC = {"Namespace": "AWS/ApplicationELB", "MetricName": "HTTPCode_ELB_5XX_Count", "Statistic": "Sum",
                "Period": 60, "EvaluationPeriods": 3, "DatapointsToAlarm": 2, "Threshold": 10.0,
                "ComparisonOperator": "GreaterThanOrEqualToThreshold", "TreatMissingData": "notBreaching"}
ALB_ID = "50dc6c495c0c9188"
# S3 Replication metrics: S3 publishes ReplicationLatency (seconds the replica is behind) in the
# destination bucket's region, dimensions SourceBucket, DestinationBucket, RuleId, for rules with
# RTC or replication metrics enabled, while objects replicate
# (https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html,
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html). moto publishes
# none of it (its CloudWatch returns what put_metric_data stored): the seed publishes one datapoint
# per replicated bucket at each run, which readiness reads for its 15 minutes.
REPLICATION_LATENCY_SECONDS = 42.0


class Counter:
    def __init__(self):
        self.created, self.existing = [], []

    def made(self, what):
        self.created.append(what)

    def found(self, what):
        self.existing.append(what)


def code(err):
    return err.response.get("Error", {}).get("Code", "")


def tags_kv(d):
    return [{"Key": k, "Value": v} for k, v in d.items()]


def tags_lower(d):
    return [{"key": k, "value": v} for k, v in d.items()]


def prod_tags(service):
    return {"service": service, "environment": "production"}


class Seeder:
    def __init__(self, endpoint, catalog):
        self.endpoint = endpoint
        self.cat = catalog
        self.primary = catalog["regions"]["primary"]
        self.dr = catalog["regions"]["dr"]
        self.account = str(catalog.get("accountId", "123456789012"))
        self.c = Counter()

    def client(self, name, region):
        return boto3.client(
            name,
            region_name=region,
            endpoint_url=self.endpoint,
            aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
            aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
        )

    # ---- RDS ------------------------------------------------------------------------------------
    def rds(self):
        rds = self.client("rds", self.primary)
        for key, svc in self.cat["services"].items():
            db = svc.get("database")
            if not db:
                continue
            ident = db["instance"]
            policy = dict(db.get("backup", {}))
            policy.update(OFF_POLICY_DB.get(key, {}))
            try:
                rds.describe_db_instances(DBInstanceIdentifier=ident)
                self.c.found(f"rds instance {ident}")
                continue
            except ClientError as e:
                if code(e) != "DBInstanceNotFound":
                    raise
            rds.create_db_instance(
                DBInstanceIdentifier=ident,
                DBInstanceClass="db.t3.medium",
                Engine="postgres",
                EngineVersion="15.4",
                DBName=db.get("name", key),
                MasterUsername="dr_admin",
                MasterUserPassword="sandbox-unused-password",  # moto never checks it
                AllocatedStorage=20,
                BackupRetentionPeriod=int(policy.get("retentionDays", 30)),
                PreferredBackupWindow=policy.get("window", "03:00-04:00"),
                EnableIAMDatabaseAuthentication=bool(policy.get("iamDatabaseAuthentication", True)),
                Tags=tags_kv(prod_tags(key)),
            )
            self.c.made(f"rds instance {ident}")

        self._restore_placements()
        inv = self.cat["services"].get("inventory", {}).get("database", {}).get("instance")
        if not inv:
            return
        for snap in INVENTORY_MANUAL_SNAPSHOTS:
            if self._snapshot_exists(rds, snap):
                self.c.found(f"rds snapshot {snap}")
                continue
            rds.create_db_snapshot(
                DBInstanceIdentifier=inv, DBSnapshotIdentifier=snap, Tags=tags_kv(prod_tags("inventory"))
            )
            self.c.made(f"rds snapshot {snap}")

        # Cross-region copy. moto 5.2.5 resolves the source ARN in the source region's backend, so
        # copy_db_snapshot works cross-region like real AWS (the copy is "available" at once).
        rds_dr = self.client("rds", self.dr)
        if self._snapshot_exists(rds_dr, INVENTORY_DR_SNAPSHOT):
            self.c.found(f"rds snapshot {INVENTORY_DR_SNAPSHOT} ({self.dr})")
        else:
            src = f"arn:aws:rds:{self.primary}:{self.account}:snapshot:{INVENTORY_MANUAL_SNAPSHOTS[-1]}"
            rds_dr.copy_db_snapshot(
                SourceDBSnapshotIdentifier=src,
                TargetDBSnapshotIdentifier=INVENTORY_DR_SNAPSHOT,
                SourceRegion=self.primary,
                Tags=tags_kv(prod_tags("inventory")),
            )
            self.c.made(f"rds snapshot {INVENTORY_DR_SNAPSHOT} ({self.dr})")


    def _restore_placements(self):
        """Where the catalog's restores go: database.restore in the primary region (also where a standby
        replicate-back puts the reverse replica when the old primary names no subnet group) and
        database.drRestore in the DR region, each a DB subnet group (on a VPC with two subnets) and DB
        parameter group. Security group ids are not created: EC2 cannot be given an id, and moto's RDS
        does not look them up."""
        self._placement(self.primary, "restore", "10.21", "primary-region restores")
        self._placement(self.dr, "drRestore", "10.20", "DR-region restores")

    def _placement(self, region, key, cidr, description):
        rds = self.client("rds", region)
        wanted = {}
        for svc in self.cat["services"].values():
            placement = (svc.get("database") or {}).get(key) or {}
            if placement.get("subnetGroup"):
                wanted.setdefault("subnet", set()).add(placement["subnetGroup"])
            if placement.get("parameterGroup"):
                wanted.setdefault("params", set()).add(placement["parameterGroup"])
        existing = {g["DBSubnetGroupName"] for g in rds.describe_db_subnet_groups()["DBSubnetGroups"]}
        for name in sorted(wanted.get("subnet", set()) - existing):
            ec2 = self.client("ec2", region)
            vpc = ec2.create_vpc(CidrBlock=f"{cidr}.0.0/16")["Vpc"]["VpcId"]
            subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"{cidr}.{i}.0/24", AvailabilityZone=f"{region}{az}")
                       ["Subnet"]["SubnetId"] for i, az in ((1, "a"), (2, "b"))]
            rds.create_db_subnet_group(DBSubnetGroupName=name, DBSubnetGroupDescription=description,
                                       SubnetIds=subnets)
            self.c.made(f"rds subnet group {name} ({region})")
        for name in sorted(wanted.get("subnet", set()) & existing):
            self.c.found(f"rds subnet group {name} ({region})")
        existing = {g["DBParameterGroupName"] for g in rds.describe_db_parameter_groups()["DBParameterGroups"]}
        for name in sorted(wanted.get("params", set())):
            if name in existing:
                self.c.found(f"rds parameter group {name} ({region})")
                continue
            rds.create_db_parameter_group(DBParameterGroupName=name, DBParameterGroupFamily="postgres15",
                                          Description=description)
            self.c.made(f"rds parameter group {name} ({region})")

    @staticmethod
    def _snapshot_exists(rds, snap):
        try:
            return bool(rds.describe_db_snapshots(DBSnapshotIdentifier=snap)["DBSnapshots"])
        except ClientError as e:
            if code(e) == "DBSnapshotNotFound":
                return False
            raise

    # ---- Route53 --------------------------------------------------------------------------------
    def route53(self):
        r53 = self.client("route53", "us-east-1")
        records = self.cat.get("dnsRecords", {})
        by_dns = {svc.get("dns"): key for key, svc in self.cat["services"].items()}
        zones = {}
        for rec in records.values():
            zone = rec["hostedZone"].rstrip(".")
            if zone not in zones:
                zones[zone] = self._zone(r53, zone)
        for key, rec in records.items():
            zone_id = zones[rec["hostedZone"].rstrip(".")]
            name = rec["name"].rstrip(".") + "."
            existing = self._records(r53, zone_id)
            changes = []
            for side, weight in (("primary", 100), ("secondary", 0)):
                s = rec[side]
                if (name, rec["type"], s["setIdentifier"]) in existing:
                    self.c.found(f"route53 record {name} {s['setIdentifier']}")
                    continue
                changes.append({
                    "Action": "CREATE",
                    "ResourceRecordSet": {
                        "Name": name,
                        "Type": rec["type"],
                        "SetIdentifier": s["setIdentifier"],
                        "Weight": weight,
                        "AliasTarget": {
                            "HostedZoneId": s["aliasHostedZoneId"],
                            "DNSName": s["aliasDnsName"],
                            "EvaluateTargetHealth": bool(s.get("evaluateTargetHealth", True)),
                        },
                    },
                })
                self.c.made(f"route53 record {name} {s['setIdentifier']} weight {weight}")
            if changes:
                r53.change_resource_record_sets(
                    HostedZoneId=zone_id,
                    ChangeBatch={"Comment": "dr-runbooks sandbox seed", "Changes": changes},
                )

        # An HTTPS health check on the primary of every record (the runbook's Step 1 / Step 3), checking
        # what the catalog's healthCheck names (fqdn and path; default: the record's name, /health).
        for key, rec in records.items():
            hc = rec.get("healthCheck") or {}
            fqdn = (hc.get("fqdn") or rec["name"]).rstrip(".")
            self._health_check(r53, fqdn, hc.get("path") or "/health", by_dns.get(key, key))

    def _zone(self, r53, zone):
        # moto (unlike AWS) happily creates a second zone with the same CallerReference: look first.
        resp = r53.list_hosted_zones_by_name(DNSName=zone)
        for z in resp.get("HostedZones", []):
            if z["Name"].rstrip(".") == zone:
                self.c.found(f"route53 zone {zone}")
                return z["Id"].split("/")[-1]
        z = r53.create_hosted_zone(
            Name=zone,
            CallerReference=ZONE_CALLER_REF.format(zone=zone),
            HostedZoneConfig={"Comment": "MyComputer public zone (dr-runbooks sandbox)", "PrivateZone": False},
        )["HostedZone"]
        zid = z["Id"].split("/")[-1]
        r53.change_tags_for_resource(
            ResourceType="hostedzone", ResourceId=zid, AddTags=tags_kv({"environment": "production"})
        )
        self.c.made(f"route53 zone {zone}")
        return zid

    @staticmethod
    def _records(r53, zone_id):
        out = set()
        for page in r53.get_paginator("list_resource_record_sets").paginate(HostedZoneId=zone_id):
            for rr in page["ResourceRecordSets"]:
                out.add((rr["Name"], rr["Type"], rr.get("SetIdentifier")))
        return out

    def _health_check(self, r53, fqdn, path, service):
        # moto (unlike AWS) would create a second check with the same CallerReference: look first.
        ref = HEALTH_CHECK_CALLER_REF.format(name=fqdn)
        for page in r53.get_paginator("list_health_checks").paginate():
            for hc in page["HealthChecks"]:
                if hc["CallerReference"] == ref:
                    self.c.found(f"route53 health check {fqdn}")
                    return hc["Id"]
        hc = r53.create_health_check(
            CallerReference=ref,
            HealthCheckConfig={
                "Type": "HTTPS",
                "FullyQualifiedDomainName": fqdn,
                "Port": 443,
                "ResourcePath": path,
                "RequestInterval": 30,
                "FailureThreshold": 3,
                "EnableSNI": True,
            },
        )["HealthCheck"]
        r53.change_tags_for_resource(
            ResourceType="healthcheck",
            ResourceId=hc["Id"],
            AddTags=tags_kv({"Name": f"{fqdn}-primary", **prod_tags(service)}),
        )
        self.c.made(f"route53 health check {fqdn} (HTTPS {path})")
        return hc["Id"]

    # ---- database pointers (recovery.databasePointer) --------------------------------------------
    def database_pointers(self):
        """What each standby service's application reads to find its database, pointing at the primary
        instance's endpoint as RDS reports it (DescribeDBInstances Endpoint.Address, what the standby
        activities read as InstanceInfo.endpointAddress): a simple CNAME (no set identifier, one value,
        TTL 60) in the catalog's private hosted zone, or a String parameter in the primary region. An
        existing record or parameter is left as it is (a moved pointer stays moved), except a CNAME
        naming no instance any more, which is put back at the primary."""
        for key, svc in self.cat["services"].items():
            pointer = (svc.get("recovery") or {}).get("databasePointer")
            db = svc.get("database")
            if not pointer or not db:
                continue
            endpoint = self._endpoint(db["instance"])
            if pointer.get("cname"):
                self._pointer_cname(key, pointer, endpoint)
            elif pointer.get("parameter"):
                self._pointer_parameter(key, pointer["parameter"], endpoint)

    def _endpoint(self, instance):
        db = self.client("rds", self.primary).describe_db_instances(DBInstanceIdentifier=instance)["DBInstances"][0]
        return db["Endpoint"]["Address"]

    def _pointer_cname(self, service, pointer, endpoint):
        r53 = self.client("route53", "us-east-1")
        name = pointer["cname"].rstrip(".").lower()
        zone = (pointer.get("hostedZone") or name.split(".", 1)[1]).rstrip(".").lower()
        zone_id = self._private_zone(r53, zone, service)
        fqdn = name + "."
        current = self._cname(r53, zone_id, fqdn)
        if current is not None and self._names_an_instance(current):
            self.c.found(f"route53 record {fqdn} CNAME")
            return
        if current is not None:
            # Dangling (the instance it named is gone, as after a standby failover's instances are
            # deleted): put back at the primary, the set deleted exactly as read, then created.
            r53.change_resource_record_sets(
                HostedZoneId=zone_id,
                ChangeBatch={"Comment": "dr-runbooks sandbox seed: database pointer put back", "Changes": [
                    {"Action": "DELETE", "ResourceRecordSet": current},
                    {"Action": "CREATE", "ResourceRecordSet": {
                        "Name": fqdn, "Type": "CNAME", "TTL": POINTER_TTL,
                        "ResourceRecords": [{"Value": endpoint}]}},
                ]},
            )
            self.c.made(f"route53 record {fqdn} CNAME {endpoint} (put back: it named no instance)")
            return
        r53.change_resource_record_sets(
            HostedZoneId=zone_id,
            ChangeBatch={"Comment": "dr-runbooks sandbox seed: database pointer", "Changes": [{
                "Action": "CREATE",
                "ResourceRecordSet": {"Name": fqdn, "Type": "CNAME", "TTL": POINTER_TTL,
                                      "ResourceRecords": [{"Value": endpoint}]},
            }]},
        )
        self.c.made(f"route53 record {fqdn} CNAME {endpoint} (TTL {POINTER_TTL})")

    @staticmethod
    def _cname(r53, zone_id, fqdn):
        """The simple CNAME set of that name, as listed; None when there is none."""
        for page in r53.get_paginator("list_resource_record_sets").paginate(HostedZoneId=zone_id):
            for rr in page["ResourceRecordSets"]:
                if rr["Name"] == fqdn and rr["Type"] == "CNAME":
                    return rr
        return None

    def _names_an_instance(self, cname_set):
        """Whether the CNAME's value is the endpoint of an RDS instance in the primary or DR region."""
        values = {v["Value"].rstrip(".").lower() for v in cname_set.get("ResourceRecords", [])}
        for region in (self.primary, self.dr):
            for page in self.client("rds", region).get_paginator("describe_db_instances").paginate():
                for db in page["DBInstances"]:
                    if (db.get("Endpoint") or {}).get("Address", "").lower() in values:
                        return True
        return False

    def _private_zone(self, r53, zone, service):
        # moto (unlike AWS) happily creates a second zone with the same CallerReference: look first.
        for z in r53.list_hosted_zones_by_name(DNSName=zone).get("HostedZones", []):
            if z["Name"].rstrip(".") == zone and z.get("Config", {}).get("PrivateZone"):
                self.c.found(f"route53 private zone {zone}")
                return z["Id"].split("/")[-1]
        vpc = self.client("ec2", self.primary).create_vpc(CidrBlock=PRIVATE_ZONE_VPC_CIDR)["Vpc"]["VpcId"]
        z = r53.create_hosted_zone(
            Name=zone,
            CallerReference=ZONE_CALLER_REF.format(zone=zone),
            VPC={"VPCRegion": self.primary, "VPCId": vpc},
            HostedZoneConfig={"Comment": "MyComputer private zone (dr-runbooks sandbox)", "PrivateZone": True},
        )["HostedZone"]
        zid = z["Id"].split("/")[-1]
        r53.change_tags_for_resource(
            ResourceType="hostedzone", ResourceId=zid, AddTags=tags_kv(prod_tags(service))
        )
        self.c.made(f"route53 private zone {zone} (VPC {vpc} in {self.primary})")
        return zid

    def _pointer_parameter(self, service, name, endpoint):
        ssm = self.client("ssm", self.primary)
        try:
            ssm.get_parameter(Name=name)
            self.c.found(f"ssm parameter {name} ({self.primary})")
            return
        except ClientError as e:
            if code(e) != "ParameterNotFound":
                raise
        ssm.put_parameter(Name=name, Value=endpoint, Type="String", Tags=tags_kv(prod_tags(service)),
                          Description=f"{service}: the database endpoint the application connects to")
        self.c.made(f"ssm parameter {name} ({self.primary}) {endpoint}")

    # ---- CloudWatch -----------------------------------------------------------------------------
    def cloudwatch(self):
        by_dns = {svc.get("dns"): key for key, svc in self.cat["services"].items()}
        for key, rec in self.cat.get("dnsRecords", {}).items():
            for side in ("primary", "secondary"):
                s = rec[side]
                if not s.get("alarm"):
                    continue
                region = s.get("region") or (self.primary if side == "primary" else self.dr)
                self._alarm(self.client("cloudwatch", region), s["alarm"], region, rec["name"].rstrip("."), side,
                            s.get("aliasDnsName", ""), by_dns.get(key, key))

    def _alarm(self, cw, name, region, record, side, alias_dns, service):
        if cw.describe_alarms(AlarmNames=[name]).get("MetricAlarms"):
            self.c.found(f"cloudwatch alarm {name} ({region})")
            return
        lb_name = alias_dns.split(".")[0] or f"{side}-alb"
        cw.put_metric_alarm(
            AlarmName=name,
            AlarmDescription=f"{record}: the {side} load balancer ({alias_dns}) answers 5XX",
            ActionsEnabled=False,
            Dimensions=[{"Name": "LoadBalancer", "Value": f"app/{lb_name}/{ALB_ID}"}],
            Tags=tags_kv(prod_tags(service)),
            **ALARM_METRIC,
        )
        # AWS starts a new alarm in INSUFFICIENT_DATA (moto in OK): the seeded world is healthy.
        cw.set_alarm_state(AlarmName=name, StateValue="OK", StateReason="dr-runbooks sandbox seed: healthy")
        self.c.made(f"cloudwatch alarm {name} ({region}) OK")

    # ---- S3 -------------------------------------------------------------------------------------
    def s3(self):
        owner = {}
        for key, svc in self.cat["services"].items():
            for b in svc.get("buckets", []) or []:
                owner[b] = key
        for key, b in self.cat.get("buckets", {}).items():
            service = owner.get(key, key)
            off = key in OFF_POLICY_BUCKETS
            src_region = b.get("region", self.primary)
            src = self.client("s3", src_region)
            rep = b.get("replication") or {}
            objects = self._objects_for(key)

            self._bucket(src, b["name"], src_region, service, versioned=bool(b.get("versioning")) and not off)
            self._objects(src, b["name"], objects)

            if rep:
                dst_region = rep.get("destinationRegion", self.dr)
                dst = self.client("s3", dst_region)
                self._bucket(dst, rep["destinationBucket"], dst_region, service, versioned=not off)
                # moto does not replicate objects: put copies there ourselves. The off-policy replica
                # only holds the oldest object (a one-off manual copy, long ago).
                self._objects(dst, rep["destinationBucket"], objects[:1] if off else objects)
                if not off:
                    self._replication(src, b["name"], rep)
                    self._replication_latency(b["name"], rep, dst_region)

    def _bucket(self, s3, name, region, service, versioned):
        try:
            s3.head_bucket(Bucket=name)
            self.c.found(f"s3 bucket {name}")
            return
        except ClientError as e:
            if code(e) not in ("404", "NoSuchBucket", "NotFound"):
                raise
        kwargs = {"Bucket": name}
        if region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
        s3.create_bucket(**kwargs)
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": tags_kv(prod_tags(service))})
        if versioned:
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        self.c.made(f"s3 bucket {name} ({region}{', versioned' if versioned else ', NOT versioned'})")

    def _replication(self, s3, name, rep):
        try:
            s3.get_bucket_replication(Bucket=name)
            self.c.found(f"s3 replication {name}")
            return
        except ClientError as e:
            if code(e) != "ReplicationConfigurationNotFoundError":
                raise
        minutes = parse_minutes(rep.get("replicationTime", "15m"))
        s3.put_bucket_replication(
            Bucket=name,
            ReplicationConfiguration={
                "Role": rep["role"],
                "Rules": [{
                    "ID": rep.get("ruleId", "ReplicateAll"),
                    "Priority": 1,
                    "Status": "Enabled",
                    "Filter": {},
                    "DeleteMarkerReplication": {"Status": "Disabled"},
                    "Destination": {
                        "Bucket": f"arn:aws:s3:::{rep['destinationBucket']}",
                        "StorageClass": rep.get("storageClass", "STANDARD_IA"),
                        "ReplicationTime": {"Status": "Enabled", "Time": {"Minutes": minutes}},
                        # Real S3 requires Metrics whenever ReplicationTime (RTC) is enabled.
                        "Metrics": {"Status": "Enabled", "EventThreshold": {"Minutes": minutes}},
                    },
                }],
            },
        )
        self.c.made(f"s3 replication {name} -> {rep['destinationBucket']}")

    def _replication_latency(self, source, rep, region):
        self.client("cloudwatch", region).put_metric_data(
            Namespace="AWS/S3",
            MetricData=[{
                "MetricName": "ReplicationLatency",
                "Dimensions": [
                    {"Name": "SourceBucket", "Value": source},
                    {"Name": "DestinationBucket", "Value": rep["destinationBucket"]},
                    {"Name": "RuleId", "Value": rep.get("ruleId", "ReplicateAll")},
                ],
                "Timestamp": datetime.datetime.now(datetime.timezone.utc),
                "Value": REPLICATION_LATENCY_SECONDS,
                "Unit": "Seconds",
            }],
        )
        self.c.made(f"cloudwatch AWS/S3 ReplicationLatency {source} -> {rep['destinationBucket']}"
                    f" ({region}) {REPLICATION_LATENCY_SECONDS:g}s")

    def _objects(self, s3, bucket, objects):
        for k, body, ctype in objects:
            try:
                s3.head_object(Bucket=bucket, Key=k)
                continue  # a second put would add a version to a versioned bucket
            except ClientError as e:
                if code(e) not in ("404", "NoSuchKey", "NotFound"):
                    raise
            s3.put_object(Bucket=bucket, Key=k, Body=body.encode(), ContentType=ctype)
            self.c.made(f"s3 object s3://{bucket}/{k}")

    @staticmethod
    def _objects_for(key):
        if key == "assets":
            return [
                ("index.html", "<html><body>MyComputer</body></html>\n", "text/html"),
                ("css/site.css", "body { font-family: sans-serif; }\n", "text/css"),
                ("img/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n", "image/svg+xml"),
            ]
        if key == "customer-documents":
            return [
                ("customers/1001/contract.txt", "Contract for customer 1001\n", "text/plain"),
                ("customers/1002/contract.txt", "Contract for customer 1002\n", "text/plain"),
                ("customers/1003/id-check.txt", "Identity check for customer 1003\n", "text/plain"),
            ]
        if key == "payments-archive":
            return [
                ("2024/01/14/settlements.csv", "id,amount,currency\n1,120.00,EUR\n2,75.50,EUR\n", "text/csv"),
                ("2024/01/15/settlements.csv", "id,amount,currency\n3,310.00,EUR\n", "text/csv"),
                ("README.txt", "Daily settlement files, one folder per day.\n", "text/plain"),
            ]
        return [("README.txt", f"{key} bucket\n", "text/plain"), ("data/sample-1.txt", "1\n", "text/plain"),
                ("data/sample-2.txt", "2\n", "text/plain")]

    # ---- ECS ------------------------------------------------------------------------------------
    def ecs(self):
        clusters = {}  # (region, cluster) -> desired, revision
        services = []
        for key, svc in self.cat["services"].items():
            e = svc.get("ecs")
            if not e:
                continue
            family = e.get("stableTaskDefinition", e["service"]).split(":")[0]
            services.append((key, e["cluster"], e["service"], family))
        for region, cluster_names in ((self.primary, sorted({s[1] for s in services})), (self.dr, [DR_CLUSTER])):
            ecs = self.client("ecs", region)
            for cname in cluster_names:
                self._cluster(ecs, cname, region)
            for key, cluster, service, family in services:
                self._task_definitions(ecs, region, family, key)
                if region == self.primary:
                    self._service(ecs, cluster, service, family, LATEST_REVISION, PROD_DESIRED, key)
                else:
                    self._service(ecs, DR_CLUSTER, service, family, STABLE_REVISION, DR_DESIRED, key)

    def _cluster(self, ecs, name, region):
        found = ecs.describe_clusters(clusters=[name]).get("clusters", [])
        if any(c["clusterName"] == name and c.get("status") == "ACTIVE" for c in found):
            self.c.found(f"ecs cluster {name} ({region})")
            return
        ecs.create_cluster(clusterName=name, tags=tags_lower({"environment": "production"}))
        self.c.made(f"ecs cluster {name} ({region})")

    def _task_definitions(self, ecs, region, family, service):
        arns = []
        for page in ecs.get_paginator("list_task_definitions").paginate(familyPrefix=family, status="ACTIVE"):
            arns += [a for a in page["taskDefinitionArns"] if a.split("/")[-1].rsplit(":", 1)[0] == family]
        have = len(arns)
        if have >= TASK_DEF_REVISIONS:
            self.c.found(f"ecs task definition {family} x{have} ({region})")
            return
        for rev in range(have + 1, TASK_DEF_REVISIONS + 1):
            tags = prod_tags(service)
            if rev == STABLE_REVISION:
                tags["release"] = "stable"
            elif rev == LATEST_REVISION:
                tags["release"] = "latest"
            image = f"{self.account}.dkr.ecr.{region}.amazonaws.com/{family}:1.{rev - 1}.0"
            td = ecs.register_task_definition(
                family=family,
                requiresCompatibilities=["FARGATE"],
                networkMode="awsvpc",
                cpu="256",
                memory="512",
                containerDefinitions=[{
                    "name": family,
                    "image": image,
                    "essential": True,
                    "cpu": 256,
                    "memory": 512,
                    "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
                    "environment": [{"name": "SERVICE", "value": service}],
                }],
                tags=tags_lower(tags),
            )["taskDefinition"]
            self.c.made(f"ecs task definition {family}:{td['revision']} ({region}){' ' + tags.get('release', '')}")

    def _service(self, ecs, cluster, name, family, revision, desired, key):
        region = ecs.meta.region_name
        found = ecs.describe_services(cluster=cluster, services=[name]).get("services", [])
        if any(s.get("status") == "ACTIVE" for s in found):
            self.c.found(f"ecs service {cluster}/{name} ({region})")
            return
        ecs.create_service(
            cluster=cluster,
            serviceName=name,
            taskDefinition=f"{family}:{revision}",
            desiredCount=desired,
            launchType="FARGATE",
            tags=tags_lower(prod_tags(key)),
        )
        if desired:
            # moto starts every service with runningCount 0 (MOTO_ECS_SERVICE_RUNNING); an
            # update_service with desiredCount sets runningCount = desiredCount, i.e. "steady".
            ecs.update_service(cluster=cluster, service=name, desiredCount=desired)
        self.c.made(f"ecs service {cluster}/{name} ({region}) {family}:{revision} desired {desired}")


def parse_minutes(v):
    s = str(v).strip().upper()
    if s.startswith("PT") and s.endswith("M"):
        return int(s[2:-1])
    if s.endswith("M"):
        return int(s[:-1])
    if s.endswith("H"):
        return int(s[:-1]) * 60
    return int(s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--endpoint", default=os.environ.get("AWS_ENDPOINT_URL"))
    ap.add_argument("--catalog", default=os.environ.get("DR_CATALOG"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list every resource")
    args = ap.parse_args()
    if not args.endpoint or not args.catalog:
        ap.error("--endpoint and --catalog (or AWS_ENDPOINT_URL and DR_CATALOG) are required")
    with open(args.catalog) as f:
        catalog = yaml.safe_load(f)
    s = Seeder(args.endpoint, catalog)
    for step in (s.rds, s.route53, s.database_pointers, s.cloudwatch, s.s3, s.ecs):
        try:
            step()
        except Exception as e:  # name the failing step, then fail
            print(f"seed: {step.__name__} failed: {e}", file=sys.stderr)
            raise
    if args.verbose:
        for w in s.c.created:
            print(f"  created {w}")
    print(f"seed: aws world: {len(s.c.created)} created, {len(s.c.existing)} already present")


if __name__ == "__main__":
    main()
