package io.plantline.stream.domain;

/** What a detector may read about its device besides the reading it is fed. */
public interface DeviceView {

  /** The latest value of a metric, NaN if none was seen. */
  double latest(String metric);

  /** The recent history of a metric, or null if none was kept. */
  MetricHistory history(String metric);
}
