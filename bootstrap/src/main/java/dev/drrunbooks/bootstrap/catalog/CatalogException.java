package dev.drrunbooks.bootstrap.catalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A catalog that cannot be used, with every problem found: file, path of the field, what is wrong.
 */
public class CatalogException extends RuntimeException {
  private final List<Problem> problems;

  public CatalogException(String source, List<Problem> problems) {
    super(
        "Catalog "
            + source
            + " is invalid:\n"
            + problems.stream()
                .map(p -> "  " + source + ": " + p.path() + ": " + p.message())
                .collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  /**
   * One problem at one field, the path written as in the YAML: services.inventory.objectives.rto.
   */
  public record Problem(String path, String message) {}
}
