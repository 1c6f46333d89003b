package io.plantline.quality.domain;

/** Where rule transitions go: quality events and alarms (port; Kafka in production). */
public interface ViolationSink {

  /**
   * Publishes the rules raised and cleared at one point ({@link ChartUpdate#hasTransitions()}) and
   * waits until they are acknowledged; ids are derived from (characteristic, rule, subgroup) so a
   * republish after a crash is recognisable.
   */
  void publish(Characteristic characteristic, ReadingSource source, ChartUpdate update);
}
