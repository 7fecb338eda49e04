package dev.drrunbooks.aws.cloudwatch;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.failover.AlarmState;
import dev.drrunbooks.failover.CloudWatchActivities;
import dev.drrunbooks.failover.MetricMaximum;
import dev.drrunbooks.failover.MetricQuery;
import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch, read only: alarms ({@code describe-alarms --alarm-names NAME}, metric and composite
 * alarms) and a metric's Maximum ({@code get-metric-statistics}). An alarm that does not exist is
 * reported as {@value #MISSING}, not a failure, so a run can say "no alarm watches this" and carry
 * on.
 */
public class CloudWatchActivitiesImpl implements CloudWatchActivities {
  private static final Logger log = LoggerFactory.getLogger(CloudWatchActivitiesImpl.class);
  public static final String MISSING = "MISSING";

  private final Function<String, CloudWatchClient> cloudWatch;

  public CloudWatchActivitiesImpl(AwsClients aws) {
    this(aws::cloudWatch);
  }

  /**
   * @param cloudWatch the CloudWatch client of a region (tests pass a stub)
   */
  public CloudWatchActivitiesImpl(Function<String, CloudWatchClient> cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public AlarmState alarmState(String region, String alarmName) {
    if (region == null || region.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "region is empty (alarm " + alarmName + ")", FailureType.INVALID_INPUT.type());
    }
    if (alarmName == null || alarmName.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "alarmName is empty (region " + region + ")", FailureType.INVALID_INPUT.type());
    }
    String call = "describe-alarms " + alarmName + " in " + region;
    DescribeAlarmsResponse response;
    try {
      response =
          cloudWatch
              .apply(region)
              .describeAlarms(
                  r ->
                      r.alarmNames(alarmName)
                          .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
    } catch (SdkException e) {
      throw failure(e, call);
    }
    AlarmState state =
        response.metricAlarms().stream()
            .filter(a -> alarmName.equals(a.alarmName()))
            .findFirst()
            .map(a -> of(region, a))
            .orElseGet(
                () ->
                    response.compositeAlarms().stream()
                        .filter(a -> alarmName.equals(a.alarmName()))
                        .findFirst()
                        .map(a -> of(region, a))
                        .orElseGet(
                            () ->
                                new AlarmState(
                                    alarmName,
                                    region,
                                    MISSING,
                                    "no CloudWatch alarm named '" + alarmName + "' in " + region)));
    log.info(
        "CloudWatch alarm {} in {}: {} ({})", alarmName, region, state.state(), state.reason());
    return state;
  }

  /**
   * GetMetricStatistics with the Maximum statistic
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html):
   * the largest of the datapoints' Maximum, or {@link MetricMaximum#none()} when there is none.
   */
  @Override
  public MetricMaximum metricMaximum(MetricQuery q) {
    if (q == null || q.region() == null || q.region().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "region is empty (" + (q == null ? "no query" : q.describe()) + ")",
          FailureType.INVALID_INPUT.type());
    }
    String call = "get-metric-statistics " + q.describe();
    GetMetricStatisticsResponse response;
    try {
      response =
          cloudWatch
              .apply(q.region())
              .getMetricStatistics(
                  r ->
                      r.namespace(q.namespace())
                          .metricName(q.metricName())
                          .dimensions(
                              q.dimensions().entrySet().stream()
                                  .map(
                                      d ->
                                          Dimension.builder()
                                              .name(d.getKey())
                                              .value(d.getValue())
                                              .build())
                                  .toList())
                          .startTime(q.start())
                          .endTime(q.end())
                          .period((int) q.period().toSeconds())
                          .statistics(Statistic.MAXIMUM));
    } catch (SdkException e) {
      throw failure(e, call);
    }
    List<Datapoint> points =
        response.datapoints().stream().filter(d -> d.maximum() != null).toList();
    MetricMaximum max =
        points.stream()
            .max(Comparator.comparing(Datapoint::maximum))
            .map(d -> new MetricMaximum(d.maximum(), d.unitAsString(), points.size()))
            .orElse(MetricMaximum.none());
    log.info(
        "CloudWatch {}: maximum {} {} of {} datapoint(s)",
        call,
        max.maximum(),
        max.unit(),
        max.datapoints());
    return max;
  }

  /**
   * The call's failure; a bare 404 (an AWS error always names itself) is an endpoint that does not
   * know the SDK's protocol.
   */
  private static RuntimeException failure(SdkException e, String call) {
    if (e instanceof AwsServiceException a
        && a.statusCode() == 404
        && (a.awsErrorDetails() == null || a.awsErrorDetails().errorCode() == null)) {
      return ApplicationFailure.newNonRetryableFailure(
          call
              + " failed: the CloudWatch endpoint answered a bare 404. An emulator (moto) that"
              + " does not speak the SDK's RPC v2 CBOR protocol? Against moto, run the"
              + " sandbox's jar (sandbox/target/dr-sandbox.jar): its CloudWatchJsonProtocol"
              + " translates",
          "CloudWatchProtocol");
    }
    return AwsFailures.translate(e, call);
  }

  private static AlarmState of(String region, MetricAlarm a) {
    return new AlarmState(a.alarmName(), region, a.stateValueAsString(), a.stateReason());
  }

  private static AlarmState of(String region, CompositeAlarm a) {
    return new AlarmState(a.alarmName(), region, a.stateValueAsString(), a.stateReason());
  }
}
