package dev.drrunbooks.model;

import io.temporal.common.SearchAttributeKey;

/** The custom search attributes every run sets, so the Temporal UI can filter by them. */
public final class SearchAttributes {
  public static final SearchAttributeKey<String> PROCEDURE =
      SearchAttributeKey.forKeyword("DrProcedure");
  public static final SearchAttributeKey<String> SERVICE =
      SearchAttributeKey.forKeyword("DrService");
  public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("DrPhase");

  private SearchAttributes() {}
}
