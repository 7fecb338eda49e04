package dev.drrunbooks.payload;

/**
 * The input record of a run on one catalog service: what its run id is named after. An accessor
 * only, so payloads are unchanged.
 */
public interface ServiceInput extends RunInput {
  /** The catalog service key, e.g. {@code inventory}; may be null in a malformed input. */
  String service();
}
