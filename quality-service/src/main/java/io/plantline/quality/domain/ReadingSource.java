package io.plantline.quality.domain;

/**
 * Where a reading came from: the telemetry batch's ids (the key of idempotency) and the device's
 * place in the plant.
 */
public record ReadingSource(
    String deviceId, String siteId, String areaId, long bootEpoch, long seq) {}
