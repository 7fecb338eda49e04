package dev.drrunbooks.catalog;

import java.time.Duration;

/** Recovery time and recovery point objectives of one service. */
public record Objectives(Duration rto, Duration rpo) {}
