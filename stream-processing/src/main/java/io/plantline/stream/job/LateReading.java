package io.plantline.stream.job;

import io.plantline.stream.domain.Reading;

/**
 * A reading that reached {@code device-rules} at or behind the operator's watermark: the rules of
 * its device have already run past its event time, so it cannot be evaluated in order. It goes to
 * the dead-letter topic instead (see {@link LateReadingEncoder}).
 *
 * @param reading the reading
 * @param watermark the operator's watermark when it arrived (event time, epoch ms)
 */
public record LateReading(Reading reading, long watermark) {

  /** How far behind the watermark the reading's event time was, in ms (0 = exactly at it). */
  public long latenessMs() {
    return watermark - reading.timestamp();
  }
}
