package dev.drrunbooks.model;

import io.temporal.workflow.Workflow;

/**
 * The run's Current Details in the Temporal UI (Markdown): its phase, then, while it waits for
 * someone, what it waits for and how to answer, or, in a run that waits for no one, how far it is.
 * Kept with {@code Workflow.setCurrentDetails}, which the SDK serves through its metadata query: no
 * history event, so no version is needed to change it. The phase part is set by {@link
 * Phases#enter}, the wait part by whoever waits (an approval gate); each keeps the other's part.
 * Workflow code only.
 */
public final class CurrentDetails {
  static final String PHASE = "**Phase:** ";
  private static final String WAIT = "\n\n";

  private CurrentDetails() {}

  /** Shows {@code phase}, keeping what the run waits for. */
  static void phase(String phase) {
    set(PHASE + phase, waitPart());
  }

  /**
   * Shows what the run waits for under the phase, replacing an earlier wait.
   *
   * @param markdown one or more paragraphs: what is awaited, how to answer, the deadline and what
   *     happens at it
   */
  public static void waiting(String markdown) {
    set(phasePart(), markdown);
  }

  /**
   * Shows how far a run that waits for no one is under the phase (a readiness evaluation's table of
   * the services checked so far), replacing what was shown there; {@link #phase} keeps it.
   *
   * @param markdown one or more paragraphs or a table
   */
  public static void progress(String markdown) {
    set(phasePart(), markdown);
  }

  /** The wait is over: the phase only. */
  public static void notWaiting() {
    set(phasePart(), null);
  }

  private static void set(String phase, String wait) {
    Workflow.setCurrentDetails(wait == null ? phase : phase + WAIT + wait);
  }

  private static String phasePart() {
    String now = Workflow.getCurrentDetails();
    if (now == null) return PHASE + "starting";
    int cut = now.indexOf(WAIT);
    return cut < 0 ? now : now.substring(0, cut);
  }

  private static String waitPart() {
    String now = Workflow.getCurrentDetails();
    int cut = now == null ? -1 : now.indexOf(WAIT);
    return cut < 0 ? null : now.substring(cut + WAIT.length());
  }
}
