package dev.drrunbooks.aws.cloudwatch;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.failover.AlarmState;
import dev.drrunbooks.failover.CloudWatchActivities;
import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * CloudWatch alarms, read only: {@code describe-alarms --alarm-names NAME} (metric and composite
 * alarms). An alarm that does not exist is reported as {@value #MISSING}, not a failure, so a run
 * can say "no alarm watches this" and carry on.
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
    DescribeAlarmsResponse response;
    try {
      response =
          cloudWatch
              .apply(region)
              .describeAlarms(
                  r ->
                      r.alarmNames(alarmName)
                          .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404
          && (e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null)) {
        // an AWS error always names itself; a bare 404 is an endpoint that does not know the
        // protocol
        throw ApplicationFailure.newNonRetryableFailure(
            "describe-alarms "
                + alarmName
                + " in "
                + region
                + " failed: the CloudWatch endpoint answered a bare 404. An emulator (moto) that"
                + " does not speak the SDK's RPC v2 CBOR protocol? Against moto, run the"
                + " sandbox's jar (sandbox/target/dr-sandbox.jar): its CloudWatchJsonProtocol"
                + " translates",
            "CloudWatchProtocol");
      }
      throw AwsFailures.translate(e, "describe-alarms " + alarmName + " in " + region);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-alarms " + alarmName + " in " + region);
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

  private static AlarmState of(String region, MetricAlarm a) {
    return new AlarmState(a.alarmName(), region, a.stateValueAsString(), a.stateReason());
  }

  private static AlarmState of(String region, CompositeAlarm a) {
    return new AlarmState(a.alarmName(), region, a.stateValueAsString(), a.stateReason());
  }
}
