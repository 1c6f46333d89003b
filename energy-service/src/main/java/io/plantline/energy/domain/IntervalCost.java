package io.plantline.energy.domain;

import java.time.Instant;

/**
 * The energy cost of one interval.
 *
 * @param start the interval's start
 * @param energyKwh its energy
 * @param rate the time-of-use rate that applied
 * @param pricePerKwh that rate's price
 * @param cost energy times price
 */
public record IntervalCost(
    Instant start, double energyKwh, String rate, double pricePerKwh, double cost) {}
