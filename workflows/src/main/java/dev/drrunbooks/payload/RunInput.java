package dev.drrunbooks.payload;

/**
 * Marks the input record of a workflow. A payload that cannot be read as one (unknown field, wrong
 * type, bad enum value, an array or {@code null} where the object belongs) fails the run at once
 * with an {@code InvalidInput} failure naming the field, the value and what is allowed, instead of
 * failing the workflow task forever (see {@link StrictJsonPayloadConverter}).
 */
public interface RunInput {}
