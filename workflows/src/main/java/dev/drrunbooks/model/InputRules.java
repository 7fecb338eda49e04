package dev.drrunbooks.model;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.ServiceDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a procedure refuses in its input before it does anything, written once for everyone who
 * starts it: the workflow makes these checks as its first steps (whoever started it: the Temporal
 * UI, a schedule, a bot), and the starter makes them before it starts a run ({@link #checkStart}),
 * so bad input never creates a run that fails at once. A refusal is an InvalidInput {@code
 * ApplicationFailure} whose message begins with the input field: {@code field: 'value' is not
 * valid; what is allowed} ({@link Inputs#invalid}).
 *
 * <p>Checks that need AWS (a restore time inside the source's window, a snapshot's status) stay in
 * the run.
 *
 * @param <I> the procedure's input record
 */
public interface InputRules<I> {
  /** What a service selector reads as every service of the catalog. */
  String ALL = "all";

  /**
   * Refuses what the input alone shows is wrong: a malformed time or duration, a value out of
   * range, an unknown enum value, a missing required field.
   *
   * @param now the current time (the workflow's clock in a run), for "not in the future"; null in
   *     runs recorded before such a check, which must not make it
   */
  void checkInput(I in, Instant now);

  /**
   * The catalog service keys the input names, trimmed, blank ones left out; {@value #ALL} where the
   * procedure runs on every service (see {@link #takesAll}).
   */
  List<String> services(I in);

  /** The input field that names the services: {@code service} or {@code services}. */
  default String servicesField() {
    return "service";
  }

  /** Whether {@value #ALL} selects every service of the catalog (else it is an unknown service). */
  default boolean takesAll() {
    return false;
  }

  /**
   * Refuses what the services' catalog definitions show is wrong for this procedure: a service of
   * the wrong kind (no DNS record for a failover, no ECS deployment for an ECS recovery), an input
   * that would weaken the catalog's approval policy.
   *
   * @param services the definitions of {@link #services}, in order ({@value #ALL}: every service)
   */
  void checkServices(I in, List<ServiceDefinition> services);

  /**
   * Everything above against {@code catalog}, as a client checks an input before it starts a run: a
   * service the catalog lacks is refused first, naming the catalog's services.
   */
  default void checkStart(I in, Instant now, Catalog catalog) {
    List<ServiceDefinition> definitions = new ArrayList<>();
    for (String key : services(in)) {
      if (takesAll() && ALL.equals(key)) {
        catalog.serviceKeys().forEach(k -> definitions.add(catalog.definitionOf(k)));
      } else if (catalog.services().containsKey(key)) {
        definitions.add(catalog.definitionOf(key));
      } else {
        throw Inputs.invalid(
            servicesField(),
            key,
            "allowed: "
                + String.join(", ", catalog.serviceKeys())
                + (takesAll() ? ", or " + ALL : "")
                + " (the services in the catalog)");
      }
    }
    checkInput(in, now);
    checkServices(in, definitions);
  }

  /** The keys of a service field: trimmed, blank ones left out. */
  public static List<String> keys(List<String> typed) {
    if (typed == null) return List.of();
    return typed.stream().filter(k -> k != null && !k.isBlank()).map(String::trim).toList();
  }

  /**
   * The keys of a selection ({@link #keys}); a selection given with only blank entries ({@code
   * --services ''}, {@code ["", " "]}) is refused rather than read as every service. Null or an
   * empty list still means all.
   */
  public static List<String> selection(String field, List<String> typed) {
    List<String> keys = keys(typed);
    if (keys.isEmpty() && typed != null && !typed.isEmpty())
      throw Inputs.invalid(
          field,
          String.join(",", typed),
          "allowed: one or more service keys of the catalog, comma-separated; leave it out for"
              + " every service");
    return keys;
  }

  /** The key of a single service field, or none. */
  static List<String> key(String typed) {
    return typed == null || typed.isBlank() ? List.of() : List.of(typed.trim());
  }

  /**
   * Refuses a service without a database in the catalog (the catalog requires one; a catalog read
   * without its rules may lack it).
   */
  static void requireDatabase(String field, ServiceDefinition service) {
    if (service.spec().database() == null)
      throw Inputs.invalid(
          field, service.key(), "a service with a database in the catalog; it declares none");
  }

  /**
   * Refuses a {@code service} selector that is neither a catalog key nor {@value #ALL}.
   *
   * @throws io.temporal.failure.ApplicationFailure InvalidInput naming the value and what is
   *     allowed
   */
  static void requireSelector(String selector) {
    if (!selector.matches("[a-z0-9][a-z0-9-]*")) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "service: '"
              + selector
              + "' is not a catalog key; use a key such as inventory (lower case, digits, '-') or"
              + " 'all'",
          FailureType.INVALID_INPUT.type());
    }
  }
}
