package dev.drrunbooks.model;

import io.temporal.workflow.QueryMethod;
import java.util.List;

/**
 * The {@code timeline} query every run answers: the steps its {@link Timeline} recorded so far,
 * clean-up included. A query on a closed run (failed, cancelled, terminated) is answered by a
 * worker replaying its history, so the timeline of any ending can be read back for its report.
 * Registered by the run's first {@link Timeline}; a query adds nothing to the history, so replay is
 * unchanged.
 */
public interface TimelineQuery {
  String NAME = "timeline";

  @QueryMethod(name = NAME)
  List<TimelineEntry> timeline();
}
