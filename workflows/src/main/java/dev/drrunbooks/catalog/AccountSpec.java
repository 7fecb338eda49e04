package dev.drrunbooks.catalog;

/**
 * How the worker reaches one AWS account of the catalog ({@code accounts: {ID: {roleArn,
 * externalId}}}): the role it assumes there with STS AssumeRole, and the external id that role's
 * trust policy may require
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html).
 *
 * @param externalId null: none sent
 */
public record AccountSpec(String roleArn, String externalId) {}
