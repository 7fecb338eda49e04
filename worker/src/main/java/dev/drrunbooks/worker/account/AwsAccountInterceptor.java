package dev.drrunbooks.worker.account;

import dev.drrunbooks.aws.AwsCallContext;
import dev.drrunbooks.model.AwsAccount;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries a run's AWS account to its activities: each activity a workflow schedules gets the
 * {@value AwsAccount#HEADER} header with {@link AwsAccount#current()} (none when unset), and each
 * activity runs with {@link AwsCallContext} of that account and its run's workflow id, which the
 * activity's AWS clients act in. A header changes no workflow command, so histories replay as
 * recorded.
 */
public final class AwsAccountInterceptor extends WorkerInterceptorBase {

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new AccountHeaderOutbound(outbound));
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        String account = accountOf(input.getHeader());
        String workflowId = context == null ? null : context.getInfo().getWorkflowId();
        return new AwsCallContext(account, workflowId).run(() -> super.execute(input));
      }
    };
  }

  /** The header's account; null when absent or unreadable (the default credentials then). */
  static String accountOf(Header header) {
    Payload p = header == null ? null : header.getValues().get(AwsAccount.HEADER);
    if (p == null) return null;
    try {
      return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, String.class, String.class);
    } catch (DataConverterException e) {
      return null;
    }
  }

  private static final class AccountHeaderOutbound extends WorkflowOutboundCallsInterceptorBase {
    AccountHeaderOutbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      String account = AwsAccount.current();
      if (account == null) return super.executeActivity(input);
      Map<String, Payload> values =
          new HashMap<>(input.getHeader() == null ? Map.of() : input.getHeader().getValues());
      values.put(
          AwsAccount.HEADER,
          DefaultDataConverter.STANDARD_INSTANCE.toPayload(account).orElseThrow());
      return super.executeActivity(
          new ActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              new Header(values)));
    }
  }
}
