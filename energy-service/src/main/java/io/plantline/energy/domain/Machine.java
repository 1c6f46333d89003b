package io.plantline.energy.domain;

/**
 * A machine: the line it belongs to, the meter that measures it, and its production counter.
 *
 * @param id the machine's id
 * @param line the production line
 * @param meterId the device id of its energy meter
 * @param production its production counter (units), null when it has none
 * @param idleKw above this mean power an interval without production is idle waste worth a finding
 * @param idleIntervals how many such intervals in a row raise an idle-energy finding
 */
public record Machine(
    String id,
    String line,
    String meterId,
    MeterSeries production,
    double idleKw,
    int idleIntervals) {}
