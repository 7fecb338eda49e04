package dev.drrunbooks.catalog;

/**
 * Exactly one of: an exact value, a lower bound, or a tolerance against the source database's
 * answer.
 */
public record Expectation(Long equals, Long atLeast, Double withinPercentOfSource) {

  public int kindsSet() {
    return (equals != null ? 1 : 0)
        + (atLeast != null ? 1 : 0)
        + (withinPercentOfSource != null ? 1 : 0);
  }

  public String describe() {
    if (equals != null) return "= " + equals;
    if (atLeast != null) return ">= " + atLeast;
    if (withinPercentOfSource != null) return "within " + withinPercentOfSource + "% of source";
    return "(none)";
  }
}
