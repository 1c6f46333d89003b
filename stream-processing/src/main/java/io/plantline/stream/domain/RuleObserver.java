package io.plantline.stream.domain;

/**
 * Sees each rule's state right after the rule judged a reading, before the state may be forgotten.
 * The job passes {@link #NONE}; the backtest reads each rule's distance to firing from it.
 */
@FunctionalInterface
public interface RuleObserver {
  /** Observes nothing. */
  RuleObserver NONE = (detector, state, reading) -> {};

  /** {@code detector} has just judged {@code reading}; {@code state} is its state after that. */
  void judged(Detector detector, RuleState state, Reading reading);
}
