package dev.drrunbooks.model;

import java.time.Instant;
import java.util.List;

/**
 * The rules of an input that names one service or {@value InputRules#ALL}: the selector must be a
 * catalog key or all. A procedure adds what it needs of the services selected.
 *
 * @param <I> the input
 */
public abstract class SelectorInputRules<I extends SelectsServices> implements InputRules<I> {
  @Override
  public void checkInput(I in, Instant now) {
    InputRules.requireSelector(in.selector());
  }

  /** The service named, or {@value InputRules#ALL}. */
  @Override
  public List<String> services(I in) {
    return List.of(in.selector());
  }

  @Override
  public boolean takesAll() {
    return true;
  }
}
