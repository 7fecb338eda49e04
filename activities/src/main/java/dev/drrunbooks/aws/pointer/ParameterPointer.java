package dev.drrunbooks.aws.pointer;

import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.aws.AwsFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterInlinePolicy;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * A database pointer that is a Systems Manager Parameter Store parameter of type String, in one
 * region.
 *
 * <p>Read: GetParameter (WithDecryption false: a SecureString is refused, never decrypted) for the
 * value, type and version; DescribeParameters (filter Name Equals) for the rest, which GetParameter
 * does not answer: tier, data type, allowed pattern, description, policies
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html,
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html).
 *
 * <p>Move: PutParameter with Overwrite=true, sending back every one of those fields as read. The
 * API reference
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html) says a
 * Type is not required when updating, and that a request without a Tier gets the account's default
 * tier configuration (Standard unless changed; Intelligent-Tiering picks one), not the parameter's
 * own: an Advanced parameter overwritten as Standard is refused, since an advanced one cannot be
 * reverted. It does not say that Description, AllowedPattern, DataType or Policies are kept when
 * left out (moto keeps them; DataType defaults to text on a create), so none is left out. Tags
 * cannot be sent with Overwrite and are not changed by it. Labels stay on the version they were
 * given to: an application that reads the parameter by label does not see the move (not handled).
 */
final class ParameterPointer implements PointerSide<ParameterMetadata> {
  /** SSM errors that asking again will not fix, beyond those {@link AwsFailures} knows. */
  private static final Set<String> PERMANENT =
      Set.of(
          "ParameterPatternMismatchException",
          "ParameterMaxVersionLimitExceeded",
          "ParameterLimitExceeded",
          "HierarchyTypeMismatchException",
          "HierarchyLevelLimitExceededException",
          "InvalidAllowedPatternException",
          "UnsupportedParameterType",
          "IncompatiblePolicyException",
          "InvalidPolicyTypeException",
          "InvalidPolicyAttributeException",
          "PoliciesLimitExceededException",
          "InvalidKeyId");

  private final Function<String, SsmClient> ssm;
  private final String name;
  private final String region;

  ParameterPointer(Function<String, SsmClient> ssm, String name, String region) {
    this.ssm = ssm;
    this.name = name.trim();
    this.region = region.trim();
  }

  @Override
  public Reading<ParameterMetadata> read() {
    String what = "parameter " + name + " (" + region + ")";
    Parameter parameter;
    try {
      parameter =
          ssm.apply(region).getParameter(r -> r.name(name).withDecryption(false)).parameter();
    } catch (ParameterNotFoundException e) {
      throw PointerFailures.notFound(what + " not found");
    } catch (SdkException e) {
      throw translate(e, "get-parameter " + name + " in " + region);
    }
    if (parameter.type() != ParameterType.STRING) {
      throw PointerFailures.notSimple(what, "is a " + parameter.typeAsString() + ", not a String");
    }
    ParameterMetadata metadata = metadata(what);
    PointerValue value =
        new PointerValue(
            "parameter", name, region, parameter.value(), kept(metadata), parameter.version());
    return new Reading<>(value, metadata);
  }

  private ParameterMetadata metadata(String what) {
    List<ParameterMetadata> found;
    try {
      found =
          ssm.apply(region)
              .describeParameters(
                  r -> r.parameterFilters(f -> f.key("Name").option("Equals").values(name)))
              .parameters();
    } catch (SdkException e) {
      throw translate(e, "describe-parameters " + name + " in " + region);
    }
    return found.stream()
        .filter(m -> name.equals(m.name()))
        .findFirst()
        .orElseThrow(() -> PointerFailures.notFound(what + " not found by DescribeParameters"));
  }

  /** Type, Tier, DataType, AllowedPattern, Description and Policies, those that are set. */
  static Map<String, String> kept(ParameterMetadata m) {
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "Type", m.typeAsString());
    put(out, "Tier", m.tierAsString());
    put(out, "DataType", m.dataType());
    put(out, "AllowedPattern", m.allowedPattern());
    put(out, "Description", m.description());
    put(out, "Policies", policies(m));
    return out;
  }

  /** The policies as PutParameter takes them: a JSON array of the policies' texts; null: none. */
  private static String policies(ParameterMetadata m) {
    if (!m.hasPolicies() || m.policies().isEmpty()) return null;
    return "["
        + String.join(",", m.policies().stream().map(ParameterInlinePolicy::policyText).toList())
        + "]";
  }

  private static void put(Map<String, String> out, String key, String value) {
    if (value != null) out.put(key, value);
  }

  @Override
  public Written write(Reading<ParameterMetadata> reading, String target) {
    ParameterMetadata m = reading.state();
    PutParameterRequest.Builder put =
        PutParameterRequest.builder()
            .name(name)
            .value(target)
            .overwrite(true)
            .type(m.type())
            .tier(m.tier());
    if (m.dataType() != null) put.dataType(m.dataType());
    if (m.allowedPattern() != null) put.allowedPattern(m.allowedPattern());
    if (m.description() != null) put.description(m.description());
    String policies = policies(m);
    if (policies != null) put.policies(policies);
    try {
      return new Written(null, ssm.apply(region).putParameter(put.build()).version());
    } catch (SdkException e) {
      throw translate(e, "put-parameter " + name + " in " + region);
    }
  }

  private static RuntimeException translate(SdkException e, String attempted) {
    if (e instanceof AwsServiceException ase
        && ase.awsErrorDetails() != null
        && !ase.isThrottlingException()
        && ase.statusCode() < 500
        && PERMANENT.contains(ase.awsErrorDetails().errorCode())) {
      return ApplicationFailure.newNonRetryableFailure(
          attempted
              + " failed: "
              + ase.awsErrorDetails().errorCode()
              + ": "
              + ase.awsErrorDetails().errorMessage(),
          "Aws" + ase.awsErrorDetails().errorCode());
    }
    return AwsFailures.translate(e, attempted);
  }
}
