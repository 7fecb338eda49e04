package dev.drrunbooks.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.drrunbooks.aws.cfn.CloudFormationActivitiesImpl;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.catalog.AccountSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which account AwsClients acts in (the sandbox's emulator answers GetCallerIdentity with its
 * default account, 123456789012): a run's account with a role gets clients of its own, the default
 * credentials' account and an account without a role the default clients; the drill's stack role
 * names the account its stack is created in.
 */
class AwsClientsAccountsSandboxTest {
  private static final String OTHER = "210987654321";
  private final AwsClients aws = SandboxAws.clients();

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void aRunsAccountWithARoleHasClientsOfItsOwn() {
    aws.useAccounts(
        Map.of(
            OTHER,
            new AccountSpec("arn:aws:iam::" + OTHER + ":role/dr-runbooks-worker", null),
            "123456789012",
            new AccountSpec("arn:aws:iam::123456789012:role/dr-runbooks-worker", null)));
    var plain = aws.rds("eu-west-1");
    var other = new AwsCallContext(OTHER, "wf-1").run(() -> aws.rds("eu-west-1"));
    var own = new AwsCallContext("123456789012", "wf-1").run(() -> aws.rds("eu-west-1"));
    var unknown = new AwsCallContext("333333333333", "wf-1").run(() -> aws.rds("eu-west-1"));
    assertNotSame(plain, other);
    assertSame(plain, own, "the default credentials' own account assumes nothing");
    assertSame(plain, unknown, "an account without a role: the default credentials");
    assertSame(other, new AwsCallContext(OTHER, "wf-2").run(() -> aws.rds("eu-west-1")));
    assertEquals(
        OTHER, new AwsCallContext(OTHER, "wf-1").run(() -> aws.accountOfCalls("eu-west-1")));
    assertEquals("123456789012", aws.accountOfCalls("eu-west-1"));
  }

  @Test
  void theDrillStackRoleNamesTheAccountTheStackIsCreatedIn() {
    aws.useAccounts(
        Map.of(OTHER, new AccountSpec("arn:aws:iam::" + OTHER + ":role/dr-runbooks-worker", null)));
    CloudFormationActivitiesImpl cfn =
        new CloudFormationActivitiesImpl(
            aws::cloudFormation,
            Path.of("deploy/aws"),
            Polling.DEFAULT,
            "arn:aws:iam::{account}:role/dr-runbooks-drill-stack",
            aws::accountOfCalls);
    assertEquals(
        "arn:aws:iam::123456789012:role/dr-runbooks-drill-stack", cfn.stackRoleFor("eu-west-1"));
    assertEquals(
        "arn:aws:iam::" + OTHER + ":role/dr-runbooks-drill-stack",
        new AwsCallContext(OTHER, "wf").run(() -> cfn.stackRoleFor("eu-west-1")));
  }
}
