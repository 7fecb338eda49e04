package dev.drrunbooks.incident;

/** Someone takes the incident: ends the detection phase. */
public record Acknowledgement(String who, String why) {}
