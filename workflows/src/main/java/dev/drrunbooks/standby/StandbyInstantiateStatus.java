package dev.drrunbooks.standby;

/** What the status query answers while a standby instantiate runs. */
public record StandbyInstantiateStatus(
    String phase, String currentService, int checksDone, String detail) {}
