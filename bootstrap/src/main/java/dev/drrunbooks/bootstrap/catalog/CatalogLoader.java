package dev.drrunbooks.bootstrap.catalog;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a catalog YAML strictly: unknown keys, missing fields and bad values are refused with their
 * path.
 */
public final class CatalogLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
          // An empty list or map entry (~, a bare -) fails where it is, by path, not in a record's
          // List.copyOf.
          .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
          .registerModule(
              new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()));

  private CatalogLoader() {}

  public static Catalog load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CatalogException(
          file.toString(), List.of(new CatalogException.Problem("(file)", "does not exist")));
    } catch (IOException e) {
      throw new CatalogException(
          file.toString(), List.of(new CatalogException.Problem("(file)", "cannot be read: " + e)));
    }
    return parse(text, file.toString());
  }

  public static Catalog parse(String yaml, String source) {
    Catalog catalog;
    try {
      catalog = YAML.readValue(yaml, Catalog.class);
    } catch (UnrecognizedPropertyException e) {
      String allowed =
          e.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "));
      throw new CatalogException(
          source,
          List.of(
              new CatalogException.Problem(
                  pathOf(e),
                  "unknown key '" + e.getPropertyName() + "'; allowed here: " + allowed)));
    } catch (InvalidNullException e) {
      throw new CatalogException(
          source,
          List.of(new CatalogException.Problem(pathOf(e), "is empty; a value is required here")));
    } catch (JsonMappingException e) {
      throw new CatalogException(
          source, List.of(new CatalogException.Problem(pathOf(e), e.getOriginalMessage())));
    } catch (JsonProcessingException e) {
      throw new CatalogException(
          source, List.of(new CatalogException.Problem("(yaml)", e.getOriginalMessage())));
    }
    if (catalog == null) {
      throw new CatalogException(
          source, List.of(new CatalogException.Problem("(file)", "is empty")));
    }
    List<CatalogException.Problem> problems = new CatalogValidator(catalog).problems();
    if (!problems.isEmpty()) {
      throw new CatalogException(source, problems);
    }
    return catalog;
  }

  /** services.inventory.objectives.rto, or validationQueries[2].sql. */
  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) path.append('.');
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(root)" : path.toString();
  }

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      try {
        return Durations.parse(p.getValueAsString());
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage());
      }
    }
  }
}
