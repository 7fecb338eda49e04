package dev.drrunbooks.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What may happen to a service's old primary database once its standby was promoted ({@code
 * recovery.oldPrimary}): the reverse replica of the replicate-back takes the old primary's name, so
 * the old primary must go first. Only {@link #REPLACEABLE} lets that step delete it, behind its own
 * gate and with a final snapshot; {@link #KEEP}, the default, refuses, and a person decides.
 */
public enum OldPrimary {
  @JsonProperty("keep")
  KEEP,
  @JsonProperty("replaceable")
  REPLACEABLE
}
