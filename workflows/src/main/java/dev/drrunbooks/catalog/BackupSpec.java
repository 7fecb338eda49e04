package dev.drrunbooks.catalog;

/** The runbook's backup policy for an RDS instance: retention, preferred window (UTC), IAM auth. */
public record BackupSpec(Integer retentionDays, String window, Boolean iamDatabaseAuthentication) {}
