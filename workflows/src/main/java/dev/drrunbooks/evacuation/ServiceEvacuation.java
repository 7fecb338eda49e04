package dev.drrunbooks.evacuation;

/** How one service's evacuation went: its DR capacity, then its DNS. */
public record ServiceEvacuation(
    String service, String ecs, String ecsDetail, String dns, String dnsDetail) {}
