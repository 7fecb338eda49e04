package dev.drrunbooks.model;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.catalog.ServiceDefinition;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * A procedure's first step: the service's catalog definition; an unknown service ends the run as
 * bad input.
 */
public final class ServiceLookup {
  private ServiceLookup() {}

  /** Also makes the service's account the run's ({@link AwsAccount#useForRun}). */
  public static ServiceDefinition resolve(
      CatalogActivities catalog, Timeline timeline, String serviceKey) {
    ServiceDefinition service;
    try {
      service =
          timeline.step(
              "resolve " + serviceKey,
              () -> catalog.resolveServices(serviceKey).get(0),
              s ->
                  s.spec().displayName()
                      + ", RTO "
                      + s.spec().objectives().rto()
                      + ", RPO "
                      + s.spec().objectives().rpo());
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "service: " + Failures.rootMessage(e), FailureType.INVALID_INPUT.type());
    }
    AwsAccount.useForRun(service.accountId());
    return service;
  }

  /**
   * The services a selector names (one key, or {@code all}), as a step; an unknown one ends the run
   * as bad input. The accounts stay each service's: a run over several acts in each in turn.
   */
  public static List<ServiceDefinition> resolveAll(
      CatalogActivities catalog, Timeline timeline, String selector) {
    try {
      return timeline.step(
          "resolve " + selector,
          () -> catalog.resolveServices(selector),
          list -> list.size() + " service(s)");
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "service: " + Failures.rootMessage(e), FailureType.INVALID_INPUT.type());
    }
  }
}
