package dev.drrunbooks.aws;

import dev.drrunbooks.catalog.AccountSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials in another account: the catalog's role for it, assumed with STS AssumeRole by the
 * worker's default credentials, one session per run. The session name is the workflow id of the
 * activity calling ({@link AwsCallContext}, {@link RoleSessionNames}), the external id the
 * catalog's. Each session is the SDK's {@link StsAssumeRoleCredentialsProvider}, which assumes the
 * role on first use and again before the credentials expire
 * (https://sdk.amazonaws.com/java/api/latest/software/amazon/awssdk/services/sts/auth/StsAssumeRoleCredentialsProvider.html);
 * the most recent {@value #SESSIONS} sessions are kept, older ones closed.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
  static final int SESSIONS = 64;

  private final String accountId;
  private final AccountSpec role;
  private final StsClient sts;
  private final Map<String, StsAssumeRoleCredentialsProvider> sessions =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<String, StsAssumeRoleCredentialsProvider> eldest) {
          if (size() <= SESSIONS) return false;
          eldest.getValue().close();
          return true;
        }
      };

  AssumedRoleCredentials(String accountId, AccountSpec role, StsClient sts) {
    this.accountId = accountId;
    this.role = role;
    this.sts = sts;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    AwsCallContext context = AwsCallContext.current();
    String session = RoleSessionNames.of(context == null ? null : context.workflowId());
    StsAssumeRoleCredentialsProvider provider;
    synchronized (sessions) {
      provider = sessions.computeIfAbsent(session, this::session);
    }
    return provider.resolveCredentials();
  }

  private StsAssumeRoleCredentialsProvider session(String name) {
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(
            r -> {
              r.roleArn(role.roleArn()).roleSessionName(name);
              if (role.externalId() != null && !role.externalId().isBlank())
                r.externalId(role.externalId());
            })
        .build();
  }

  @Override
  public void close() {
    synchronized (sessions) {
      sessions.values().forEach(StsAssumeRoleCredentialsProvider::close);
      sessions.clear();
    }
  }

  @Override
  public String toString() {
    // never the credentials: the account and role only
    return "AssumedRoleCredentials(" + accountId + ", " + role.roleArn() + ")";
  }
}
