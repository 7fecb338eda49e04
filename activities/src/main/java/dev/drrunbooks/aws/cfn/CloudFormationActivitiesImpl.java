package dev.drrunbooks.aws.cfn;

import dev.drrunbooks.activities.cfn.CloudFormationActivities;
import dev.drrunbooks.activities.cfn.StackInfo;
import dev.drrunbooks.activities.cfn.StackRequest;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.aws.rds.RdsTags;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.LimitExceededException;
import software.amazon.awssdk.services.cloudformation.model.OnFailure;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.TokenAlreadyExistsException;

/**
 * The drill's test environment as a CloudFormation stack (the runbook's {@code aws cloudformation
 * create-stack --template-body file://dr-test-environment.yaml} and {@code delete-stack}).
 *
 * <p><b>Templates</b> are read from the worker's template directory ({@code DR_TEMPLATE_DIR}, by
 * default {@code deploy/aws}) by file name; nothing outside it is read.
 *
 * <p><b>Idempotent by name.</b> A create first describes the stack: one that exists (any status but
 * DELETE_COMPLETE) and carries the run's tags is returned as it is, one with anyone else's tags is
 * refused non-retryably (NotOwned) naming it and its tags. The create-stack call carries a client
 * request token derived from the owner's workflow id and the stack name, so CloudFormation itself
 * recognises a request the SDK sent twice. The stack is tagged with the owner ({@link
 * Ownership#tags()}); CloudFormation copies stack tags onto the resources it creates.
 *
 * <p><b>A failed create keeps its stack</b> ({@code OnFailure=ROLLBACK}: the resources are removed,
 * the stack stays in ROLLBACK_COMPLETE with its events), so the wait can report why, and cleanup
 * deletes it. OnFailure=DELETE would throw the explanation away.
 */
public class CloudFormationActivitiesImpl implements CloudFormationActivities {
  private static final Logger log = LoggerFactory.getLogger(CloudFormationActivitiesImpl.class);

  /** CloudFormation's own limits: stack names, client request tokens, an inline template body. */
  static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");

  static final Pattern TOKEN = Pattern.compile("[a-zA-Z0-9][-a-zA-Z0-9]{0,127}");
  static final int MAX_TEMPLATE_BODY_BYTES = 51_200;

  /**
   * At most this many failed events in a message (oldest first: the first is usually the cause).
   */
  static final int MAX_EVENTS = 15;

  /** Stop reading a stack's events after this many (a long-lived stack has thousands). */
  private static final int MAX_EVENTS_READ = 500;

  /** States a stack never reaches CREATE_COMPLETE from. */
  static final Set<String> CREATE_FAILED_STATES =
      Set.of(
          "CREATE_FAILED",
          "ROLLBACK_IN_PROGRESS",
          "ROLLBACK_FAILED",
          "ROLLBACK_COMPLETE",
          "DELETE_IN_PROGRESS",
          "DELETE_FAILED",
          "DELETE_COMPLETE");

  static final String GONE = "DELETE_COMPLETE";

  private final Function<String, CloudFormationClient> cfn;
  private final Path templateDir;
  private final StatusPoller poller;
  private final String stackRoleArn;
  private final Function<String, String> accountOfCalls;

  /**
   * The worker's environment variable naming the CloudFormation service role stacks are created
   * with ({@code RoleARN}): CloudFormation then makes the stack's resources with that role's
   * permissions, not the worker's
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html), so
   * the worker needs only iam:PassRole for it (deploy/aws/iam). Unset: the caller's credentials.
   * {@code {account}} in it is the account the stack is created in (the run's service's account),
   * as CloudFormation takes only a role of the stack's own account.
   */
  public static final String STACK_ROLE_ENV = "DR_DRILL_STACK_ROLE_ARN";

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}|\\{account\\}):role/[\\w+=,.@/-]{1,512}");

  /**
   * @param templateDir where the templates are: the worker passes {@code DR_TEMPLATE_DIR}, default
   *     {@code deploy/aws}
   */
  public CloudFormationActivitiesImpl(AwsClients aws, Path templateDir) {
    this(aws::cloudFormation, templateDir, Polling.DEFAULT);
  }

  public CloudFormationActivitiesImpl(AwsClients aws, Path templateDir, Polling polling) {
    this(aws::cloudFormation, templateDir, polling);
  }

  /**
   * @param cfn the CloudFormation client of a region (tests pass a scripted one)
   */
  public CloudFormationActivitiesImpl(
      Function<String, CloudFormationClient> cfn, Path templateDir, Polling polling) {
    this(cfn, templateDir, polling, null, null);
  }

  /**
   * @param stackRoleArnOrNull the service role stacks are created with ({@link #STACK_ROLE_ENV});
   *     null or blank: none
   * @param accountOfCalls the account a call in a region acts in ({@code
   *     AwsClients::accountOfCalls}), for {@code {account}} in the role; null: no placeholder
   */
  public CloudFormationActivitiesImpl(
      Function<String, CloudFormationClient> cfn,
      Path templateDir,
      Polling polling,
      String stackRoleArnOrNull,
      Function<String, String> accountOfCalls) {
    String role = stackRoleArnOrNull == null ? "" : stackRoleArnOrNull.trim();
    if (!role.isEmpty() && !ROLE_ARN.matcher(role).matches()) {
      throw new IllegalArgumentException(
          STACK_ROLE_ENV
              + ": '"
              + role
              + "' is not an IAM role ARN; allowed: arn:aws:iam::<12-digit account or"
              + " {account}>:role/<name>");
    }
    if (role.contains("{account}") && accountOfCalls == null) {
      throw new IllegalArgumentException(
          STACK_ROLE_ENV + ": '" + role + "' has {account} but nothing here resolves accounts");
    }
    this.accountOfCalls = accountOfCalls;
    this.stackRoleArn = role.isEmpty() ? null : role;
    this.cfn = cfn;
    this.templateDir = templateDir.toAbsolutePath().normalize();
    this.poller = new StatusPoller(polling, Clock.systemUTC());
  }

  /** The stack role for a stack in {@code region}: the configured one, its {account} filled. */
  public String stackRoleFor(String region) {
    if (stackRoleArn == null || !stackRoleArn.contains("{account}")) return stackRoleArn;
    return stackRoleArn.replace("{account}", accountOfCalls.apply(region));
  }

  // ---- create
  // -------------------------------------------------------------------------------------

  @Override
  public StackInfo createStack(StackRequest req) {
    if (req == null) throw invalidInput("the stack request is required");
    require(req.region(), "region");
    require(req.stackName(), "stackName");
    require(req.templateName(), "templateName");
    if (req.owner() == null)
      throw invalidInput("owner is required: every stack is tagged with the run that creates it");
    require(req.owner().workflowId(), "owner.workflowId");
    String region = req.region();
    String name = req.stackName();
    if (!STACK_NAME.matcher(name).matches()) {
      throw invalidInput(
          "stackName '"
              + name
              + "' is not a CloudFormation stack name: 1 to 128 letters, digits and "
              + "hyphens, starting with a letter");
    }
    String body = readTemplate(req.templateName());
    Map<String, String> parameters = req.parameters() == null ? Map.of() : req.parameters();

    Optional<Stack> existing = findStack(region, name);
    if (existing.isPresent()) return adopt(region, existing.get(), req.owner(), parameters);

    String token = clientRequestToken(req.owner().workflowId(), name);
    CreateStackRequest call =
        CreateStackRequest.builder()
            .stackName(name)
            .templateBody(body)
            .parameters(
                parameters.entrySet().stream()
                    .map(
                        p ->
                            Parameter.builder()
                                .parameterKey(p.getKey())
                                .parameterValue(p.getValue())
                                .build())
                    .toList())
            .tags(
                req.owner().tags().entrySet().stream()
                    .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                    .toList())
            // Keep a failed stack (rolled back, with its events) for the wait to explain; cleanup
            // deletes it.
            .onFailure(OnFailure.ROLLBACK)
            .clientRequestToken(token)
            .roleARN(stackRoleFor(region))
            .build();
    String stackId;
    try {
      stackId = cfn.apply(region).createStack(call).stackId();
    } catch (AlreadyExistsException | TokenAlreadyExistsException e) {
      // An earlier attempt (or someone else) got there first: ours is returned, anyone else's
      // refused.
      Optional<Stack> now = findStack(region, name);
      if (now.isPresent()) return adopt(region, now.get(), req.owner(), parameters);
      throw e instanceof TokenAlreadyExistsException
          ? ApplicationFailure.newNonRetryableFailure(
              "create-stack "
                  + name
                  + " in "
                  + region
                  + ": CloudFormation "
                  + "already used client request token '"
                  + token
                  + "' for another request, and no stack of that name "
                  + "exists now (created and deleted earlier by this run?)",
              "StackConflict")
          : e; // deleted in between: retry
    } catch (InsufficientCapabilitiesException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "create-stack "
              + name
              + " in "
              + region
              + " from "
              + req.templateName()
              + " needs capabilities this activity does not grant: "
              + awsMessage(e),
          FailureType.INVALID_INPUT.type());
    } catch (LimitExceededException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "create-stack "
              + name
              + " in "
              + region
              + " failed: account "
              + "quota reached: "
              + awsMessage(e)
              + " (raise the quota or delete unused stacks)",
          "CfnQuotaExceeded");
    } catch (SdkException e) {
      throw createRefused(region, name, req.templateName(), e);
    }
    log.info(
        "creating CloudFormation stack {} in {} from {} ({}, owner {})",
        name,
        region,
        req.templateName(),
        stackId,
        req.owner().workflowId());
    try {
      Optional<Stack> created = findStack(region, name);
      if (created.isPresent()) return toInfo(region, created.get());
    } catch (RuntimeException describeFailed) {
      log.debug(
          "describe after create-stack {} failed; reporting it as just created",
          name,
          describeFailed);
    }
    return new StackInfo(name, stackId, "CREATE_IN_PROGRESS", Map.of(), List.of());
  }

  /** The refusal to touch a stack this run did not create, logged where the worker runs. */
  private static ApplicationFailure notOwned(String message) {
    ApplicationFailure refusal =
        ApplicationFailure.newNonRetryableFailure(message, FailureType.NOT_OWNED.type());
    log.warn(refusal.getOriginalMessage());
    return refusal;
  }

  /**
   * A stack of the requested name exists: the run's own is returned as it is, anyone else's
   * refused.
   */
  private StackInfo adopt(
      String region, Stack stack, Ownership owner, Map<String, String> parameters) {
    Map<String, String> tags = tagsOf(stack);
    if (!owner.owns(tags)) {
      throw notOwned(
          "CloudFormation stack '"
              + stack.stackName()
              + "' already exists in "
              + region
              + " ("
              + stack.stackStatusAsString()
              + ") and was not "
              + "created by this run: its tags are "
              + RdsTags.describe(tags)
              + "; a run's own stack carries "
              + owner.requiredTags()
              + ". Choose another stack name or remove it by hand.");
    }
    Map<String, String> had = new LinkedHashMap<>();
    if (stack.hasParameters())
      stack.parameters().forEach(p -> had.put(p.parameterKey(), p.parameterValue()));
    List<String> differ = new ArrayList<>();
    parameters.forEach(
        (k, v) -> {
          String was = had.get(k);
          // "****": a NoEcho parameter, which describe never shows
          if (was != null && !"****".equals(was) && !was.equals(v))
            differ.add(k + " '" + was + "' (asked: '" + v + "')");
        });
    if (!differ.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "CloudFormation stack '"
              + stack.stackName()
              + "' in "
              + region
              + " was already created by this run with other parameters: "
              + String.join(", ", differ)
              + ": the run asked for two different stacks under one name",
          "StackConflict");
    }
    log.info(
        "CloudFormation stack {} in {} already exists and belongs to this run ({}): returning it",
        stack.stackName(),
        region,
        stack.stackStatusAsString());
    return toInfo(region, stack);
  }

  /**
   * create-stack refused. A request CloudFormation will never accept (invalid template or
   * parameters) is not retried. Should the refusal leave a stack of this name behind (an emulator
   * that creates resources while answering, such as moto, reports a resource's failure as the
   * call's error and keeps the stack in CREATE_IN_PROGRESS), the failure also names that stack, its
   * status and its events, for cleanup.
   */
  private RuntimeException createRefused(
      String region, String name, String templateName, SdkException e) {
    if (!(e instanceof AwsServiceException ase)
        || !AwsFailures.isPermanent(ase) && !isClientError(ase)) {
      return e; // throttling, 5xx, network: retried (the next attempt describes first)
    }
    String attempted = "create-stack " + name + " in " + region + " from " + templateName;
    Optional<Stack> leftBehind;
    try {
      leftBehind = findStack(region, name);
    } catch (RuntimeException describeFailed) {
      leftBehind = Optional.empty();
    }
    if (leftBehind.isEmpty()) {
      return ApplicationFailure.newNonRetryableFailure(
          attempted + " failed: " + awsMessage(e), "Aws" + code(e));
    }
    Stack s = leftBehind.get();
    List<String> failed = failedEvents(region, s.stackId());
    return ApplicationFailure.newNonRetryableFailure(
        attempted
            + " failed: "
            + awsMessage(e)
            + "; the stack was left "
            + "in "
            + s.stackStatusAsString()
            + " ("
            + s.stackId()
            + "); "
            + describeEvents(region, s.stackId(), failed),
        FailureType.STACK_FAILED.type());
  }

  private static boolean isClientError(AwsServiceException e) {
    return !e.isThrottlingException()
        && e.statusCode() >= 400
        && e.statusCode() < 500
        && !"RequestTimeout".equals(code(e));
  }

  /** The template's text from the template directory; only plain file names are accepted. */
  String readTemplate(String templateName) {
    Path file = templateDir.resolve(templateName).normalize();
    if (!file.startsWith(templateDir) || !file.getParent().equals(templateDir)) {
      throw invalidInput(
          "templateName '"
              + templateName
              + "' must be a file name in the template directory "
              + templateDir
              + ", e.g. dr-test-environment.yaml");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "CloudFormation template "
              + file
              + " not found (template "
              + "directory "
              + templateDir
              + ", set by DR_TEMPLATE_DIR)",
          "TemplateNotFound");
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot read CloudFormation template " + file + ": " + e, "TemplateNotFound");
    }
    if (bytes.length > MAX_TEMPLATE_BODY_BYTES) {
      throw invalidInput(
          "CloudFormation template "
              + file
              + " is "
              + bytes.length
              + " bytes; an inline template body "
              + "may have at most "
              + MAX_TEMPLATE_BODY_BYTES);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The create-stack client request token: {@code <workflowId>-<stackName>} when that is a valid
   * token (letters, digits, hyphens, at most 128 characters), else a readable prefix of it and a
   * hash of all of it.
   */
  static String clientRequestToken(String workflowId, String stackName) {
    String raw = workflowId + "-" + stackName;
    if (TOKEN.matcher(raw).matches()) return raw;
    String hash = sha256(raw).substring(0, 32);
    String readable = raw.replaceAll("[^a-zA-Z0-9-]+", "-").replaceAll("^-+", "");
    int room = 128 - 1 - hash.length();
    if (readable.length() > room) readable = readable.substring(0, room);
    readable = readable.replaceAll("-+$", "");
    return readable.isEmpty() ? hash : readable + "-" + hash;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  // ---- wait for create
  // ----------------------------------------------------------------------------

  @Override
  public StackInfo awaitStackCreated(String region, String stackName, Instant deadline) {
    return stackCreated(region, stackName, deadline, false);
  }

  @Override
  public StackInfo pollStackCreated(String region, String stackName, Instant deadline) {
    return stackCreated(region, stackName, deadline, true);
  }

  /**
   * The create wait's one body: {@code perAttempt} polls once per activity attempt ({@link
   * StatusPoller#pollOnce}), else loops heartbeating ({@link StatusPoller#await}); both decide
   * alike and pause as this poller's backoff says.
   */
  private StackInfo stackCreated(
      String region, String stackName, Instant deadline, boolean perAttempt) {
    require(region, "region");
    require(stackName, "stackName");
    String subject = "CloudFormation stack '" + stackName + "' in " + region;
    AtomicReference<Stack> last = new AtomicReference<>();
    Stack stack;
    try {
      stack =
          wait(
              perAttempt,
              subject,
              () -> {
                Stack s =
                    findStack(region, stackName)
                        .orElseThrow(
                            () ->
                                ApplicationFailure.newNonRetryableFailure(
                                    subject + " not found (never created, or deleted)",
                                    "StackNotFound"));
                last.set(s);
                return s;
              },
              Stack::stackStatusAsString,
              "CREATE_COMPLETE",
              CREATE_FAILED_STATES,
              FailureType.STACK_FAILED.type(),
              deadline);
    } catch (ApplicationFailure f) {
      if (FailureType.STACK_FAILED.is(f) && last.get() != null) {
        String stackId = last.get().stackId();
        String reason = last.get().stackStatusReason();
        throw ApplicationFailure.newNonRetryableFailure(
            sentence(f.getOriginalMessage(), reason)
                + describeEvents(region, stackId, failedEvents(region, stackId)),
            FailureType.STACK_FAILED.type());
      }
      throw f;
    }
    StackInfo info = toInfo(region, stack);
    log.info("{} is CREATE_COMPLETE: outputs {}", subject, info.outputs());
    return info;
  }

  // ---- delete
  // -------------------------------------------------------------------------------------

  @Override
  public String deleteOwnedStack(String region, String stackName, Ownership owner) {
    require(region, "region");
    require(stackName, "stackName");
    if (owner == null)
      throw invalidInput("owner is required: only the run that created a stack deletes it");
    Optional<Stack> found = findStack(region, stackName);
    if (found.isEmpty()) {
      log.info("CloudFormation stack {} in {}: already gone", stackName, region);
      return "already gone";
    }
    Stack stack = found.get();
    Map<String, String> tags = tagsOf(stack);
    if (!owner.owns(tags)) {
      throw notOwned(
          "REFUSING to delete CloudFormation stack '"
              + stackName
              + "' in "
              + region
              + " ("
              + stack.stackId()
              + ", "
              + stack.stackStatusAsString()
              + "): it was not "
              + "created by this run. Its tags are "
              + RdsTags.describe(tags)
              + "; deleting needs "
              + owner.requiredTags()
              + ". Nothing was deleted.");
    }
    if ("DELETE_IN_PROGRESS".equals(stack.stackStatusAsString())) return "deleting";
    try {
      // By id: exactly the stack whose tags were just checked, never a namesake created since.
      cfn.apply(region).deleteStack(r -> r.stackName(stack.stackId()));
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "delete-stack " + stackName + " (" + stack.stackId() + ") in " + region);
    }
    log.info(
        "deleting CloudFormation stack {} in {} ({}, was {}; owned by {})",
        stackName,
        region,
        stack.stackId(),
        stack.stackStatusAsString(),
        owner.workflowId());
    return "deleting";
  }

  @Override
  public String awaitStackDeleted(String region, String stackName, Instant deadline) {
    return stackDeleted(region, stackName, deadline, false);
  }

  @Override
  public String pollStackDeleted(String region, String stackName, Instant deadline) {
    return stackDeleted(region, stackName, deadline, true);
  }

  /** The delete wait's one body, polled per attempt or in a heartbeating loop (as the create's). */
  private String stackDeleted(
      String region, String stackName, Instant deadline, boolean perAttempt) {
    require(region, "region");
    require(stackName, "stackName");
    String subject = "CloudFormation stack '" + stackName + "' in " + region;
    AtomicReference<Stack> last = new AtomicReference<>();
    try {
      wait(
          perAttempt,
          subject,
          () -> {
            Optional<Stack> s = findStack(region, stackName);
            s.ifPresent(last::set);
            return s;
          },
          s -> s.map(Stack::stackStatusAsString).orElse(GONE),
          GONE,
          Set.of("DELETE_FAILED"),
          FailureType.STACK_DELETE_FAILED.type(),
          deadline);
    } catch (ApplicationFailure f) {
      if (FailureType.STACK_DELETE_FAILED.is(f) && last.get() != null) {
        String stackId = last.get().stackId();
        String reason = last.get().stackStatusReason();
        throw ApplicationFailure.newNonRetryableFailure(
            sentence(f.getOriginalMessage(), reason)
                + sentence(describeEvents(region, stackId, failedEvents(region, stackId)), null)
                + "Delete what it could "
                + "not by hand, then delete the stack again (or with RetainResources).",
            FailureType.STACK_DELETE_FAILED.type());
      }
      throw f;
    }
    log.info("{} is gone", subject);
    return "gone";
  }

  /**
   * One wait for a stack status, in one of the two shapes. Both describe on the same cadence (the
   * poller's backoff: by default 2 s doubling to 30 s, the interval of the AWS CLI's and botocore's
   * stack-create-complete and stack-delete-complete waiters, whose delay is 30 s:
   * https://docs.aws.amazon.com/cli/latest/reference/cloudformation/wait/stack-create-complete.html),
   * so a run's detection lag does not depend on which shape it replays down.
   */
  private <T> T wait(
      boolean perAttempt,
      String subject,
      Supplier<T> describe,
      Function<T, String> statusOf,
      String ready,
      Set<String> failed,
      String failedType,
      Instant deadline) {
    return perAttempt
        ? poller.pollOnce(
            subject, describe, statusOf, ready, failed, failedType, deadline, poller.backoff())
        : poller.await(subject, describe, statusOf, ready, failed, failedType, deadline);
  }

  // ---- describing
  // ---------------------------------------------------------------------------------

  /** The stack of this name, unless there is none or it is DELETE_COMPLETE. */
  Optional<Stack> findStack(String region, String stackName) {
    try {
      return cfn.apply(region).describeStacks(r -> r.stackName(stackName)).stacks().stream()
          .filter(s -> !GONE.equals(s.stackStatusAsString()))
          .findFirst();
    } catch (SdkException e) {
      // CloudFormation answers a stack that does not exist with ValidationError "Stack with id x
      // does not exist"
      if ("ValidationError".equals(code(e))
          && String.valueOf(awsMessage(e)).contains("does not exist")) {
        return Optional.empty();
      }
      throw AwsFailures.translate(e, "describe-stacks " + stackName + " in " + region);
    }
  }

  /**
   * The events that explain a failure, oldest first (the first is usually the cause): each FAILED
   * event of a resource or of the stack, and the stack's ROLLBACK_IN_PROGRESS with its reason.
   * Empty when none.
   */
  List<String> failedEvents(String region, String stackNameOrId) {
    List<String> failed = new ArrayList<>();
    try {
      int read = 0;
      for (StackEvent e :
          cfn.apply(region)
              .describeStackEventsPaginator(r -> r.stackName(stackNameOrId))
              .stackEvents()) {
        if (++read > MAX_EVENTS_READ) break;
        String status = e.resourceStatusAsString();
        boolean explains =
            status != null
                && (status.contains("FAILED")
                    || status.contains("ROLLBACK_IN_PROGRESS") && e.resourceStatusReason() != null);
        if (explains) failed.add(describe(e));
      }
    } catch (SdkException ex) {
      failed.add("(the stack's events could not be read: " + awsMessage(ex) + ")");
      return failed;
    }
    Collections.reverse(failed); // CloudFormation lists newest first
    return failed;
  }

  /** For messages: the failed events, or when there are none the latest events of any kind. */
  private String describeEvents(String region, String stackId, List<String> failed) {
    if (!failed.isEmpty()) {
      List<String> shown = failed.size() <= MAX_EVENTS ? failed : failed.subList(0, MAX_EVENTS);
      return "Failed events (oldest first): "
          + String.join("; ", shown)
          + (failed.size() > MAX_EVENTS ? "; ... (" + (failed.size() - MAX_EVENTS) + " more)" : "");
    }
    List<String> latest = new ArrayList<>();
    try {
      for (StackEvent e :
          cfn.apply(region).describeStackEvents(r -> r.stackName(stackId)).stackEvents()) {
        if (latest.size() >= 5) break;
        latest.add(describe(e));
      }
    } catch (SdkException ex) {
      return "No failed events; the stack's events could not be read: " + awsMessage(ex);
    }
    return "No failed events recorded; latest events (newest first): "
        + (latest.isEmpty() ? "none" : String.join("; ", latest));
  }

  /** {@code message: reason. } (one period at the end, whether or not the reason has its own). */
  private static String sentence(String message, String reason) {
    String s = reason == null || reason.isBlank() ? message : message + ": " + reason.trim();
    return s.endsWith(".") ? s + " " : s + ". ";
  }

  /** "PrivateSubnetA (AWS::EC2::Subnet) CREATE_FAILED: The CIDR '192.168.0.0/24' is invalid." */
  static String describe(StackEvent e) {
    String reason = e.resourceStatusReason() == null ? null : e.resourceStatusReason().trim();
    return e.logicalResourceId()
        + " ("
        + e.resourceType()
        + ") "
        + e.resourceStatusAsString()
        + (reason == null || reason.isBlank() ? "" : ": " + reason);
  }

  StackInfo toInfo(String region, Stack s) {
    Map<String, String> outputs = new LinkedHashMap<>();
    if (s.hasOutputs()) s.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
    String status = s.stackStatusAsString();
    List<String> failed =
        CREATE_FAILED_STATES.contains(status) || status.endsWith("_FAILED")
            ? failedEvents(region, s.stackId())
            : List.of();
    return new StackInfo(s.stackName(), s.stackId(), status, outputs, List.copyOf(failed));
  }

  static Map<String, String> tagsOf(Stack s) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (s.hasTags()) s.tags().forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  private static String code(SdkException e) {
    return e instanceof AwsServiceException ase
            && ase.awsErrorDetails() != null
            && ase.awsErrorDetails().errorCode() != null
        ? ase.awsErrorDetails().errorCode()
        : e instanceof AwsServiceException ase2
            ? "HTTP" + ase2.statusCode()
            : e.getClass().getSimpleName();
  }

  private static String awsMessage(SdkException e) {
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      return ase.awsErrorDetails().errorCode() + ": " + ase.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  private static ApplicationFailure invalidInput(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.type());
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) throw invalidInput(field + " is required");
  }
}
