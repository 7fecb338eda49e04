package dev.drrunbooks.catalog;

/**
 * Objectives the service's recovery strategy cannot meet in principle, each with why that is
 * accepted (who decided, and what would change it), so the objectives table does not promise what
 * the design cannot deliver without saying so.
 *
 * @param rpo why the RPO is knowingly unmet; null: it must be met
 */
public record UnmetObjectives(String rpo) {}
