package dev.drrunbooks.worker.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text-format scrape, for assertions. */
record PrometheusText(List<Sample> samples) {
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) throw new AssertionError("not a Prometheus sample line: " + line);
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) labels.put(l.group(1), l.group(2));
      }
      samples.add(
          new Sample(
              m.group(1), labels, Double.parseDouble(m.group(3).replace("Inf", "Infinity"))));
    }
    return new PrometheusText(samples);
  }

  /** Samples of {@code name} whose labels include {@code labels} (name=value pairs). */
  List<Sample> find(String name, String... labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(
            s -> {
              for (int i = 0; i < labels.length; i += 2)
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) return false;
              return true;
            })
        .toList();
  }

  boolean hasName(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }
}
