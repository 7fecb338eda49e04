package dev.drrunbooks.aws.rds;

import dev.drrunbooks.testing.SandboxEnv;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * A DB subnet group of the test's own on the sandbox's emulator, with the VPC and two subnets it
 * needs. The worker has no EC2 client (nor this module the EC2 SDK), so the VPC and subnets are
 * made with EC2's query API over plain HTTP: moto checks no signature and reads the region from the
 * credential scope.
 */
final class MotoSubnetGroup implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String region;
  private final String name;
  private final RdsClient rds;
  private final String vpcId;
  private final List<String> subnetIds = new ArrayList<>();

  MotoSubnetGroup(String region, String name, RdsClient rds, int cidrOctet) {
    this.region = region;
    this.name = name;
    this.rds = rds;
    this.vpcId =
        first(ec2("CreateVpc", "CidrBlock", "10." + cidrOctet + ".0.0/16"), "vpcId", "vpc-");
    for (String az : List.of("a", "b")) {
      int third = az.equals("a") ? 1 : 2;
      subnetIds.add(
          first(
              ec2(
                  "CreateSubnet",
                  "VpcId",
                  vpcId,
                  "CidrBlock",
                  "10." + cidrOctet + "." + third + ".0/24",
                  "AvailabilityZone",
                  region + az),
              "subnetId",
              "subnet-"));
    }
    rds.createDBSubnetGroup(
        r ->
            r.dbSubnetGroupName(name)
                .dbSubnetGroupDescription("dr-runbooks test " + name)
                .subnetIds(subnetIds));
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    try {
      rds.deleteDBSubnetGroup(r -> r.dbSubnetGroupName(name));
    } catch (RuntimeException e) {
      // best effort: a name no other run uses
    }
    for (String subnet : subnetIds) ec2("DeleteSubnet", "SubnetId", subnet);
    ec2("DeleteVpc", "VpcId", vpcId);
  }

  private String ec2(String action, String... params) {
    StringBuilder body = new StringBuilder("Action=" + action + "&Version=2016-11-15");
    for (int i = 0; i + 1 < params.length; i += 2)
      body.append('&')
          .append(params[i])
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(SandboxEnv.get().require("AWS_ENDPOINT_URL") + "/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/"
                    + region
                    + "/ec2/aws4_request, SignedHeaders=host, Signature=unsigned")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200)
        throw new IllegalStateException(action + " in " + region + ": " + response.body());
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(action + " in " + region + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(action + " interrupted", e);
    }
  }

  private static String first(String xml, String element, String prefix) {
    Matcher m =
        Pattern.compile("<" + element + ">(" + prefix + "[^<]+)</" + element + ">").matcher(xml);
    if (!m.find()) throw new IllegalStateException("no " + element + " in " + xml);
    return m.group(1);
  }
}
