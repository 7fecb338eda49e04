package dev.drrunbooks.aws.pointer;

import dev.drrunbooks.aws.ScriptedSdkClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/**
 * Route 53 and Parameter Store as AWS documents them, for the pointer's branches moto cannot
 * produce (someone else's write between ours and the read-back) and to pin what is sent.
 *
 * <ul>
 *   <li>Route 53
 *       (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html):
 *       a batch is applied whole or not at all; a DELETE must match the set's current values
 *       exactly and a CREATE must not find the set (else InvalidChangeBatch, nothing changed); an
 *       UPSERT replaces the whole set with what is sent (a field left out is gone); the change
 *       answers PENDING. ListHostedZonesByName lists public and private zones in name order from
 *       DNSName
 *       (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZonesByName.html);
 *       ListResourceRecordSets lists sets in name order from StartRecordName.
 *   <li>Parameter Store
 *       (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html): an
 *       overwrite creates the next version; Type may be left out when updating; a Tier left out is
 *       the default tier (Standard), and an Advanced parameter cannot become Standard
 *       (ValidationException). The reference does not say Description, AllowedPattern, DataType or
 *       Policies survive an overwrite that leaves them out, so this model drops them (DataType
 *       becomes text): a move that forgets one shows here.
 * </ul>
 *
 * {@link #afterChange} and {@link #afterPut} run right after a write: someone else's edit landing
 * before our read-back.
 */
final class ScriptedPointerAws {
  final List<HostedZone> zones = new CopyOnWriteArrayList<>();
  final Map<String, List<ResourceRecordSet>> sets = new LinkedHashMap<>();
  final List<ChangeResourceRecordSetsRequest> changes = new CopyOnWriteArrayList<>();
  final Map<String, List<Parameter>> parameters = new LinkedHashMap<>();
  final Map<String, ParameterMetadata> metadata = new LinkedHashMap<>();
  final List<PutParameterRequest> puts = new CopyOnWriteArrayList<>();
  volatile Runnable afterChange = () -> {};

  /** Runs when a change batch arrives, before it is applied: someone else's edit landing first. */
  volatile Runnable beforeChange = () -> {};

  volatile Runnable afterPut = () -> {};

  String zone(String id, String name, boolean isPrivate) {
    zones.add(
        HostedZone.builder()
            .id("/hostedzone/" + id)
            .name(name.endsWith(".") ? name : name + ".")
            .callerReference(id)
            .config(c -> c.privateZone(isPrivate))
            .build());
    zones.sort(Comparator.comparing(HostedZone::name));
    sets.put(id, new ArrayList<>());
    return id;
  }

  synchronized void put(String zoneId, ResourceRecordSet set) {
    List<ResourceRecordSet> in = sets.get(zoneId);
    in.removeIf(s -> sameSet(s, set));
    in.add(set);
    in.sort(
        Comparator.comparing((ResourceRecordSet s) -> s.name().toLowerCase(Locale.ROOT))
            .thenComparing(ResourceRecordSet::typeAsString)
            .thenComparing(s -> String.valueOf(s.setIdentifier())));
  }

  synchronized List<ResourceRecordSet> setsOf(String zoneId) {
    return List.copyOf(sets.get(zoneId));
  }

  /** A String (or other type) parameter at version 1 with this metadata. */
  synchronized void parameter(String name, String value, ParameterMetadata meta) {
    parameters.put(
        name,
        new ArrayList<>(
            List.of(
                Parameter.builder()
                    .name(name)
                    .type(meta.type())
                    .value(value)
                    .version(1L)
                    .dataType(meta.dataType())
                    .build())));
    metadata.put(name, meta.toBuilder().name(name).version(1L).build());
  }

  /** Someone else's PutParameter (the model's own write, not recorded as ours). */
  synchronized void overwriteElsewhere(String name, String value) {
    List<Parameter> versions = parameters.get(name);
    Parameter last = versions.get(versions.size() - 1);
    versions.add(last.toBuilder().value(value).version(last.version() + 1).build());
    metadata.put(name, metadata.get(name).toBuilder().version(last.version() + 1).build());
  }

  synchronized String valueOf(String name) {
    List<Parameter> versions = parameters.get(name);
    return versions.get(versions.size() - 1).value();
  }

  Route53Client route53() {
    return ScriptedSdkClient.of(
        Route53Client.class,
        "route53",
        (proxy, method, args) -> {
          Object request = args == null || args.length == 0 ? null : args[0];
          if (request instanceof ListHostedZonesByNameRequest r) return listZones(r);
          if (request instanceof ListResourceRecordSetsRequest r) return listSets(r);
          if (request instanceof ChangeResourceRecordSetsRequest r) return change(r);
          return ScriptedSdkClient.NOT_SCRIPTED;
        });
  }

  SsmClient ssm() {
    return ScriptedSdkClient.of(
        SsmClient.class,
        "ssm",
        (proxy, method, args) -> {
          Object request = args == null || args.length == 0 ? null : args[0];
          if (request instanceof GetParameterRequest r) return get(r);
          if (request instanceof DescribeParametersRequest r) return describe(r);
          if (request instanceof PutParameterRequest r) return putParameter(r);
          return ScriptedSdkClient.NOT_SCRIPTED;
        });
  }

  // ---- Route 53 ---------------------------------------------------------------------------------

  private ListHostedZonesByNameResponse listZones(ListHostedZonesByNameRequest r) {
    String from = r.dnsName() == null ? "" : fqdn(r.dnsName());
    return ListHostedZonesByNameResponse.builder()
        .hostedZones(zones.stream().filter(z -> z.name().compareTo(from) >= 0).toList())
        .isTruncated(false)
        .build();
  }

  private synchronized ListResourceRecordSetsResponse listSets(ListResourceRecordSetsRequest r) {
    String from = r.startRecordName() == null ? "" : fqdn(r.startRecordName());
    List<ResourceRecordSet> in = sets.get(r.hostedZoneId());
    return ListResourceRecordSetsResponse.builder()
        .resourceRecordSets(
            in.stream()
                .filter(s -> s.name().toLowerCase(Locale.ROOT).compareTo(from) >= 0)
                .toList())
        .isTruncated(false)
        .maxItems("300")
        .build();
  }

  private ChangeResourceRecordSetsResponse change(ChangeResourceRecordSetsRequest r) {
    beforeChange.run();
    changes.add(r);
    applyBatch(r.hostedZoneId(), r.changeBatch().changes());
    afterChange.run();
    return ChangeResourceRecordSetsResponse.builder()
        .changeInfo(
            ChangeInfo.builder()
                .id("/change/C" + changes.size())
                .status(ChangeStatus.PENDING)
                .build())
        .build();
  }

  /** All of the batch or nothing, checked against the sets as they are now. */
  private synchronized void applyBatch(String zoneId, List<Change> batch) {
    List<ResourceRecordSet> after = new ArrayList<>(sets.get(zoneId));
    for (Change c : batch) {
      ResourceRecordSet set = c.resourceRecordSet();
      switch (c.action()) {
        case DELETE -> {
          if (!after.remove(set))
            throw invalidChangeBatch(
                "Tried to delete resource record set [name='"
                    + set.name()
                    + "', type='"
                    + set.typeAsString()
                    + "'] but the values provided do not match the current values");
        }
        case CREATE -> {
          if (after.stream().anyMatch(s -> sameSet(s, set)))
            throw invalidChangeBatch(
                "Tried to create resource record set [name='"
                    + set.name()
                    + "', type='"
                    + set.typeAsString()
                    + "'] but it already exists");
          after.add(set);
        }
        case UPSERT -> {
          after.removeIf(s -> sameSet(s, set));
          after.add(set);
        }
        default -> throw new UnsupportedOperationException("not modelled: " + c.action());
      }
    }
    sets.get(zoneId).clear();
    after.forEach(s -> put(zoneId, s));
  }

  private static AwsServiceException invalidChangeBatch(String message) {
    return AwsServiceException.builder()
        .statusCode(400)
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode("InvalidChangeBatch").errorMessage(message).build())
        .build();
  }

  private static boolean sameSet(ResourceRecordSet a, ResourceRecordSet b) {
    return fqdn(a.name()).equals(fqdn(b.name()))
        && a.typeAsString().equals(b.typeAsString())
        && Objects.equals(a.setIdentifier(), b.setIdentifier());
  }

  private static String fqdn(String n) {
    String s = n.toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s : s + ".";
  }

  // ---- Parameter Store --------------------------------------------------------------------------

  private synchronized GetParameterResponse get(GetParameterRequest r) {
    List<Parameter> versions = parameters.get(r.name());
    if (versions == null) {
      throw ParameterNotFoundException.builder()
          .statusCode(400)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("ParameterNotFound").build())
          .build();
    }
    return GetParameterResponse.builder().parameter(versions.get(versions.size() - 1)).build();
  }

  private synchronized DescribeParametersResponse describe(DescribeParametersRequest r) {
    String name = r.parameterFilters().get(0).values().get(0);
    ParameterMetadata m = metadata.get(name);
    return DescribeParametersResponse.builder()
        .parameters(m == null ? List.of() : List.of(m))
        .build();
  }

  private PutParameterResponse putParameter(PutParameterRequest r) {
    PutParameterResponse answer;
    synchronized (this) {
      puts.add(r);
      List<Parameter> versions = parameters.get(r.name());
      if (!Boolean.TRUE.equals(r.overwrite()))
        throw new UnsupportedOperationException("not modelled: a put without Overwrite");
      ParameterMetadata was = metadata.get(r.name());
      ParameterTier tier = r.tier() == null ? ParameterTier.STANDARD : r.tier();
      if (was.tier() == ParameterTier.ADVANCED && tier == ParameterTier.STANDARD) {
        throw software.amazon.awssdk.services.ssm.model.SsmException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ValidationException")
                    .errorMessage("This parameter uses the advanced-parameter tier ...")
                    .build())
            .build();
      }
      long version = versions.get(versions.size() - 1).version() + 1;
      ParameterMetadata now =
          ParameterMetadata.builder()
              .name(r.name())
              .type(r.type() == null ? was.type() : r.type())
              .tier(tier)
              .dataType(r.dataType() == null ? "text" : r.dataType())
              .allowedPattern(r.allowedPattern())
              .description(r.description())
              .version(version)
              .build();
      metadata.put(r.name(), now);
      versions.add(
          versions.get(versions.size() - 1).toBuilder()
              .value(r.value())
              .version(version)
              .type(now.type())
              .dataType(now.dataType())
              .build());
      answer = PutParameterResponse.builder().version(version).tier(tier).build();
    }
    afterPut.run();
    return answer;
  }
}
