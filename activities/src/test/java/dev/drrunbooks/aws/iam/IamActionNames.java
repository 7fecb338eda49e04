package dev.drrunbooks.aws.iam;

import java.util.Locale;
import java.util.Map;

/**
 * The IAM action an AWS SDK call is authorised as: {@code <service prefix>:<action>}. Mostly the
 * operation's own name under the service's prefix; the exceptions are where IAM names the
 * permission differently from the API operation (S3's bucket sub-resources), each cited.
 */
public final class IamActionNames {
  private IamActionNames() {}

  /**
   * SDK service name (the client's {@code SERVICE_NAME} execution attribute, lower-cased) to IAM
   * service prefix, as each service's page in the Service Authorization Reference names it
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
   */
  private static final Map<String, String> PREFIXES =
      Map.of(
          "rds", "rds",
          "s3", "s3",
          "ecs", "ecs",
          "route53", "route53",
          "cloudformation", "cloudformation",
          "cloudwatch", "cloudwatch",
          "sts", "sts",
          "secretsmanager", "secretsmanager",
          "ssm", "ssm");

  /**
   * S3 operations whose permission has another name. "Amazon S3 API operations and the permissions
   * they require"
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html):
   * GetBucketReplication needs s3:GetReplicationConfiguration, PutBucketReplication
   * s3:PutReplicationConfiguration, DeleteBucketReplication s3:PutReplicationConfiguration;
   * HeadObject is s3:GetObject, HeadBucket s3:ListBucket, ListObjectsV2 s3:ListBucket.
   */
  private static final Map<String, String> S3_EXCEPTIONS =
      Map.of(
          "GetBucketReplication", "GetReplicationConfiguration",
          "PutBucketReplication", "PutReplicationConfiguration",
          "DeleteBucketReplication", "PutReplicationConfiguration",
          "HeadObject", "GetObject",
          "HeadBucket", "ListBucket",
          "ListObjectsV2", "ListBucket",
          "ListObjects", "ListBucket");

  /**
   * @param sdkServiceName the SDK's service name (e.g. {@code Rds}, {@code S3})
   * @param operation the SDK's operation name (e.g. {@code RestoreDBInstanceToPointInTime})
   */
  public static String of(String sdkServiceName, String operation) {
    String prefix = PREFIXES.get(sdkServiceName.toLowerCase(Locale.ROOT));
    if (prefix == null) {
      throw new IllegalArgumentException(
          "AWS service '"
              + sdkServiceName
              + "' has no IAM prefix here; known: "
              + String.join(", ", PREFIXES.keySet().stream().sorted().toList())
              + " (add it to IamActionNames with its Service Authorization Reference page)");
    }
    String action =
        prefix.equals("s3") ? S3_EXCEPTIONS.getOrDefault(operation, operation) : operation;
    return prefix + ":" + action;
  }
}
