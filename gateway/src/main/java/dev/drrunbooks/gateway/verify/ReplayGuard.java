package dev.drrunbooks.gateway.verify;

import dev.drrunbooks.gateway.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the nonces and signatures already seen, so the same signed request is carried out at
 * most once. Bounded and expiring: an entry is kept {@code ttl} (longer than the timestamp window,
 * past which {@link FreshTimestamp} refuses the request anyway), and when {@code capacity} live
 * entries are held new requests are refused (429) rather than forgetting a live one, which would
 * open a replay.
 *
 * <p>In memory, one process: several gateway replicas behind a load balancer would each accept a
 * request once, so a multi-replica deployment needs a shared store with an atomic insert-if-absent
 * and expiry (e.g. Redis {@code SET key 1 NX EX 600}, or a DynamoDB conditional put with a TTL
 * attribute), or sticky routing by signature.
 */
public final class ReplayGuard {
  private final int capacity;
  private final Duration ttl;
  private final Clock clock;
  // Insertion order is expiry order (one ttl for all), so expired entries are at the head.
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  /**
   * @param capacity live entries held at most (each ~100 bytes)
   * @param ttl how long an entry is remembered; at least twice the timestamp window
   */
  public ReplayGuard(int capacity, Duration ttl, Clock clock) {
    if (capacity < 1) throw new IllegalArgumentException("capacity: " + capacity + "; at least 1");
    this.capacity = capacity;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Records {@code key} (a channel-prefixed nonce or signature) as used.
   *
   * @throws Refusal 409 when it was seen within the ttl; 429 when the store is full
   */
  public synchronized void firstUse(String key) {
    Instant now = clock.instant();
    for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().isAfter(now)) break;
      it.remove();
    }
    if (seen.containsKey(key))
      throw Refusal.conflict("replay: this request (same nonce or signature) was already received");
    if (seen.size() >= capacity)
      throw new Refusal(
          429,
          "busy: " + capacity + " requests within " + ttl.toMinutes() + " minutes; retry later");
    seen.put(key, now.plus(ttl));
  }

  synchronized int size() {
    return seen.size();
  }
}
