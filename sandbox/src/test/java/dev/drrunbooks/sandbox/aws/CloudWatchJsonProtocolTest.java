package dev.drrunbooks.sandbox.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.ClasspathInterceptorChainFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * How the CloudWatch interceptor gets into the sandbox's SDK clients (the SDK's global interceptor
 * file) and that it rewrites CloudWatch's requests only.
 */
class CloudWatchJsonProtocolTest {
  static final String GLOBAL = "software/amazon/awssdk/global/handlers/execution.interceptors";

  @Test
  void theModuleListsItInTheSdksGlobalInterceptorFileSoEveryClientGetsIt() throws IOException {
    List<String> listed = new ArrayList<>();
    for (URL file : Collections.list(getClass().getClassLoader().getResources(GLOBAL))) {
      try (InputStream in = file.openStream()) {
        listed.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      }
    }
    assertTrue(listed.contains(CloudWatchJsonProtocol.class.getName()), listed.toString());
    assertTrue(
        new ClasspathInterceptorChainFactory()
            .getGlobalInterceptors().stream().anyMatch(i -> i instanceof CloudWatchJsonProtocol),
        "the SDK loads it as a global interceptor");
  }

  @Test
  void aCloudWatchRpcV2RequestIsRewrittenToJson10() throws IOException {
    byte[] cbor = cbor("{\"AlarmNames\":[\"api-primary-unhealthy\"]}");
    ExecutionAttributes attributes = attributes("CloudWatch");
    Context.ModifyHttpRequest context =
        context(
            "/service/GraniteServiceVersion20100801/operation/DescribeAlarms",
            RequestBody.fromBytes(cbor));
    CloudWatchJsonProtocol shim = new CloudWatchJsonProtocol();
    SdkHttpRequest rewritten = shim.modifyHttpRequest(context, attributes);
    assertEquals("/", rewritten.encodedPath());
    assertEquals(
        "GraniteServiceVersion20100801.DescribeAlarms",
        rewritten.firstMatchingHeader("X-Amz-Target").orElseThrow());
    assertEquals(
        "application/x-amz-json-1.0", rewritten.firstMatchingHeader("Content-Type").orElseThrow());
    String json = body(shim.modifyHttpContent(context, attributes).orElseThrow());
    assertEquals("{\"AlarmNames\":[\"api-primary-unhealthy\"]}", json);
  }

  @Test
  void anotherServicesRequestPassesThroughUntouchedWhateverItsPath() {
    for (String service : List.of("S3", "RDS", "Route 53")) {
      ExecutionAttributes attributes = attributes(service);
      RequestBody body = RequestBody.fromString("not cbor");
      // even a path that looks like CloudWatch's (an S3 key can be anything)
      Context.ModifyHttpRequest context =
          context("/service/GraniteServiceVersion20100801/operation/DescribeAlarms", body);
      CloudWatchJsonProtocol shim = new CloudWatchJsonProtocol();
      assertSame(context.httpRequest(), shim.modifyHttpRequest(context, attributes), service);
      assertSame(body, shim.modifyHttpContent(context, attributes).orElseThrow(), service);
    }
  }

  @Test
  void aCloudWatchRequestThatIsNotRpcV2PassesThroughUntouched() {
    ExecutionAttributes attributes = attributes("CloudWatch");
    RequestBody body = RequestBody.fromString("Action=DescribeAlarms&Version=2010-08-01");
    Context.ModifyHttpRequest context = context("/", body);
    CloudWatchJsonProtocol shim = new CloudWatchJsonProtocol();
    assertSame(context.httpRequest(), shim.modifyHttpRequest(context, attributes));
    assertSame(body, shim.modifyHttpContent(context, attributes).orElseThrow());
  }

  private static ExecutionAttributes attributes(String serviceName) {
    ExecutionAttributes attributes = new ExecutionAttributes();
    attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, serviceName);
    return attributes;
  }

  private static Context.ModifyHttpRequest context(String path, RequestBody body) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .protocol("http")
            .host("127.0.0.1")
            .port(5000)
            .encodedPath(path)
            .putHeader("smithy-protocol", "rpc-v2-cbor")
            .build();
    return new Context.ModifyHttpRequest() {
      @Override
      public SdkRequest request() {
        return null;
      }

      @Override
      public SdkHttpRequest httpRequest() {
        return request;
      }

      @Override
      public Optional<RequestBody> requestBody() {
        return Optional.of(body);
      }

      @Override
      public Optional<AsyncRequestBody> asyncRequestBody() {
        return Optional.empty();
      }
    };
  }

  private static byte[] cbor(String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonParser parser = new JsonFactory().createParser(json);
        JsonGenerator generator = new CBORFactory().createGenerator(out)) {
      parser.nextToken();
      generator.copyCurrentStructure(parser);
    }
    return out.toByteArray();
  }

  private static String body(RequestBody body) throws IOException {
    try (InputStream in = body.contentStreamProvider().newStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
