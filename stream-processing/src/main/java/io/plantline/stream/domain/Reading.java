package io.plantline.stream.domain;

import io.plantline.contracts.telemetry.Quality;

/**
 * One telemetry point as the job sees it: a flattened {@code BatchReading} with its device's ids
 * and its event time. Only strings, primitives and an enum, so Flink serialises it as a POJO.
 *
 * @param deviceId device that measured the value; the key of the rule operator
 * @param siteId site of the device
 * @param areaId area of the device
 * @param metric metric name, as in the device's register map
 * @param value measured value
 * @param quality the gateway's verdict; rules skip BAD readings
 * @param timestamp event time, the reading's {@code sourceTime} in epoch milliseconds
 */
public record Reading(
    String deviceId,
    String siteId,
    String areaId,
    String metric,
    double value,
    Quality quality,
    long timestamp) {}
