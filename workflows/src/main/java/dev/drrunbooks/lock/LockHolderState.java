package dev.drrunbooks.lock;

/**
 * @param description e.g. "run dns-failover-inventory-20261130T223442Z-k3f9 (run id ...)"
 * @param holderOpen false when the holder has closed (or the lock is gone): the lock is about to be
 *     free
 */
public record LockHolderState(String description, boolean holderOpen) {}
