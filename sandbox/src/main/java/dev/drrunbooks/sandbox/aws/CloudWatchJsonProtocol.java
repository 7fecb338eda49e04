package dev.drrunbooks.sandbox.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * Lets the SDK's CloudWatch client talk to an emulator that does not speak its wire protocol.
 *
 * <p>Recent AWS SDK for Java v2 releases (this project uses 2.57.8) send CloudWatch requests in the
 * Smithy RPC v2 CBOR protocol ({@code POST /service/GraniteServiceVersion20100801/operation/<Op>},
 * CBOR bodies). CloudWatch itself also accepts AWS JSON 1.0, and moto (5.2.5) accepts only JSON 1.0
 * and Query: a CBOR request gets a bare 404. This interceptor rewrites each request to JSON 1.0
 * ({@code POST /}, {@code X-Amz-Target: GraniteServiceVersion20100801.<Op>}, the same fields as
 * JSON) and each answer back to CBOR, so the client, its model classes and its error handling are
 * unchanged. Timestamps are epoch seconds in both. See github.com/getmoto/moto/issues/9195: moto
 * plans no CBOR support.
 *
 * <p>Sandbox only: production code does not know of it. The sandbox module lists it in the SDK's
 * global interceptor file ({@code software/amazon/awssdk/global/handlers/execution.interceptors},
 * read by the SDK's {@code ClasspathInterceptorChainFactory} for every client it builds), so it is
 * in every SDK client of a JVM that has the sandbox's jar on its class path, and in none of the
 * production worker's. It touches only CloudWatch's requests (the client's service name and the RPC
 * v2 path of CloudWatch's service, {@code GraniteServiceVersion20100801}); every other request, and
 * the answers to them, pass through untouched.
 */
public final class CloudWatchJsonProtocol implements ExecutionInterceptor {
  /** The CloudWatch client's {@link SdkExecutionAttribute#SERVICE_NAME}. */
  static final String SERVICE_NAME = "CloudWatch";

  private static final Pattern RPC_V2_PATH =
      Pattern.compile("^(.*)/service/(GraniteServiceVersion20100801)/operation/([A-Za-z0-9]+)$");
  private static final ExecutionAttribute<byte[]> JSON_REQUEST =
      new ExecutionAttribute<>("dr-runbooks.cloudwatch.json");
  private static final ExecutionAttribute<AtomicReference<byte[]>> CBOR_RESPONSE =
      new ExecutionAttribute<>("dr-runbooks.cloudwatch.cbor");
  private static final JsonFactory JSON = new JsonFactory();
  private static final CBORFactory CBOR = new CBORFactory();

  @Override
  public Optional<RequestBody> modifyHttpContent(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    byte[] json = jsonRequest(context, attributes);
    return json == null ? context.requestBody() : Optional.of(RequestBody.fromBytes(json));
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    SdkHttpRequest request = context.httpRequest();
    byte[] json = jsonRequest(context, attributes);
    if (json == null) return request;
    Matcher m = RPC_V2_PATH.matcher(request.encodedPath());
    if (!m.matches()) return request;
    String prefix = m.group(1);
    return request.toBuilder()
        .encodedPath(prefix.isEmpty() ? "/" : prefix + "/")
        .removeHeader("smithy-protocol")
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("Accept", "application/json")
        .putHeader("X-Amz-Target", m.group(2) + "." + m.group(3))
        .putHeader("Content-Length", Integer.toString(json.length))
        .build();
  }

  /**
   * The request body as JSON, converted once (the SDK asks for the body, then for the request, in
   * an order it does not promise); null when the request is not RPC v2 CBOR.
   */
  private static byte[] jsonRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    byte[] done = attributes.getAttribute(JSON_REQUEST);
    if (done != null) return done;
    if (!SERVICE_NAME.equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
      return null;
    }
    if (!RPC_V2_PATH.matcher(context.httpRequest().encodedPath()).matches()) return null;
    byte[] cbor = context.requestBody().map(CloudWatchJsonProtocol::bytes).orElse(new byte[0]);
    byte[] json =
        cbor.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : convert(cbor, CBOR, JSON);
    attributes.putAttribute(JSON_REQUEST, json);
    return json;
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    if (attributes.getAttribute(JSON_REQUEST) == null) return context.httpResponse();
    byte[] cbor = cborResponse(context, attributes, false);
    return context.httpResponse().toBuilder()
        .putHeader("Content-Type", "application/cbor")
        .putHeader("smithy-protocol", "rpc-v2-cbor")
        .putHeader("Content-Length", Integer.toString(cbor.length))
        .build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    if (attributes.getAttribute(JSON_REQUEST) == null) return context.responseBody();
    return Optional.of(new ByteArrayInputStream(cborResponse(context, attributes, true)));
  }

  /**
   * The answer as CBOR. The SDK asks for the headers, then for the body, of each attempt's
   * response: the first call converts (reading the JSON body), the second takes the result and
   * clears it.
   */
  private static byte[] cborResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes, boolean take) {
    AtomicReference<byte[]> pending = attributes.getAttribute(CBOR_RESPONSE);
    if (pending == null) {
      pending = new AtomicReference<>();
      attributes.putAttribute(CBOR_RESPONSE, pending);
    }
    byte[] cbor = take ? pending.getAndSet(null) : pending.get();
    if (cbor != null) return cbor;
    byte[] json = context.responseBody().map(CloudWatchJsonProtocol::bytes).orElse(new byte[0]);
    cbor = isBlank(json) ? new byte[0] : convert(json, JSON, CBOR);
    if (!take) pending.set(cbor);
    return cbor;
  }

  private static byte[] convert(byte[] in, JsonFactory from, JsonFactory to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
    try (JsonParser parser = from.createParser(in);
        JsonGenerator generator = to.createGenerator(out)) {
      if (parser.nextToken() != null) generator.copyCurrentStructure(parser);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot convert a CloudWatch message between CBOR and JSON", e);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(RequestBody body) {
    try (InputStream in = body.contentStreamProvider().newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isBlank(byte[] b) {
    for (byte x : b) if (!Character.isWhitespace(x)) return false;
    return true;
  }
}
