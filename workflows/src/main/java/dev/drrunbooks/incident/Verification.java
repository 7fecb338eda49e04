package dev.drrunbooks.incident;

import java.util.List;

/**
 * Someone confirms services work again (smoke tests, metrics): their RTO is measured up to now.
 *
 * @param services default: every affected service not yet verified
 */
public record Verification(String who, String why, List<String> services) {}
