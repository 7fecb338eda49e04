package dev.drrunbooks.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker's logback.xml: DR_LOG_FORMAT=json writes one JSON object per line carrying the MDC
 * keys the Temporal SDK sets in workflow and activity threads; text (default) appends them.
 */
class LogFormatTest {
  private static final List<String> SDK_KEYS =
      List.of("WorkflowId", "RunId", "WorkflowType", "ActivityId", "ActivityType", "TaskQueue");
  private final PrintStream stdout = System.out;

  @AfterEach
  void restore() throws Exception {
    System.setOut(stdout);
    System.clearProperty("DR_LOG_FORMAT");
    configure(); // back to the default for the other tests in this JVM
    MDC.clear();
  }

  private static void configure() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator config = new JoranConfigurator();
    config.setContext(context);
    config.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
  }

  private static String logWithSdkMdc(String format) throws Exception {
    // logback reads ${DR_LOG_FORMAT} from system properties before the environment
    if (format != null) System.setProperty("DR_LOG_FORMAT", format);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    configure();
    for (String key : SDK_KEYS) MDC.put(key, key.toLowerCase() + "-1");
    LoggerFactory.getLogger("dev.drrunbooks.Test").info("restored {}", "inventory");
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonLinesParseAndCarryTheSdksMdcKeys() throws Exception {
    String out = logWithSdkMdc("json");
    List<String> lines = out.lines().toList();
    assertEquals(1, lines.size(), out);
    JsonNode line = new ObjectMapper().readTree(lines.get(0));
    assertEquals("restored inventory", line.path("message").asText());
    assertEquals("INFO", line.path("level").asText());
    for (String key : SDK_KEYS)
      assertEquals(key.toLowerCase() + "-1", line.path(key).asText(), key);
  }

  @Test
  void textIsTheDefaultAndShowsTheMdcKeysWhenPresent() throws Exception {
    String out = logWithSdkMdc(null);
    assertTrue(out.contains(" - restored inventory ["), out);
    assertTrue(out.contains("WorkflowId=workflowid-1"), out);
    assertTrue(out.contains("RunId=runid-1"), out);
    MDC.clear();
    ByteArrayOutputStream bare = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bare, true, StandardCharsets.UTF_8));
    LoggerFactory.getLogger("dev.drrunbooks.Test").info("no run here");
    assertTrue(
        bare.toString(StandardCharsets.UTF_8).strip().endsWith(" - no run here"), bare.toString());
  }
}
