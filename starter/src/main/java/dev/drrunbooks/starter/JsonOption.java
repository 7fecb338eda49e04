package dev.drrunbooks.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --json}, mixed into every command that prints a result or a list: stdout then carries only
 * JSON, one compact document per line (a list prints one object per run); what a person reads
 * (progress, hints) goes to stderr, as errors always do. Instants are ISO-8601 strings, durations
 * ISO-8601 too ({@code PT1M30S}).
 */
public final class JsonOption {
  /** The starter's one JSON mapper: java.time as ISO-8601 text, not numbers. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  @Option(names = "--json")
  boolean json;

  public boolean on() {
    return json;
  }

  /** Prints {@code value} as one line of JSON. */
  public static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  /**
   * Where a command writes what a person reads: stdout, or stderr under {@code --json} so stdout
   * stays JSON.
   */
  public PrintWriter humanOut(PrintWriter out, PrintWriter err) {
    return json ? err : out;
  }
}
