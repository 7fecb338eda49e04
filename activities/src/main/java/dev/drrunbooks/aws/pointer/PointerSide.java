package dev.drrunbooks.aws.pointer;

import dev.drrunbooks.activities.pointer.PointerValue;

/**
 * One kind of database pointer (a Route 53 CNAME, a Parameter Store parameter): how it is read, and
 * how its value is replaced keeping every other field as read.
 *
 * @param <S> what the side needs from a read to write the pointer back whole (the record set as
 *     listed, the parameter's metadata)
 */
interface PointerSide<S> {

  /** The pointer as it is now; refused non-retryably when it is missing or not one plain value. */
  Reading<S> read();

  /**
   * Replaces the value {@code reading} found by {@code target}, sending back every other field as
   * read.
   */
  Written write(Reading<S> reading, String target);

  /** The pointer as read, and the side's own state of it for a write. */
  record Reading<S>(PointerValue value, S state) {}

  /**
   * What a write answered.
   *
   * @param changeId the Route 53 change's id (without /change/); null for a parameter
   * @param version the parameter version PutParameter created; null for a CNAME
   */
  record Written(String changeId, Long version) {}
}
