package dev.drrunbooks.model;

/** An input that names one catalog service, or {@value InputRules#ALL}. */
public interface SelectsServices {
  /** The service key, or {@value InputRules#ALL}; never blank. */
  String selector();
}
