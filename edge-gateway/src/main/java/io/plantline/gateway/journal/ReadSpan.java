package io.plantline.gateway.journal;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * A run of consecutive unacknowledged records of one segment, collected under the journal lock and
 * read from disk outside it in one positional read.
 *
 * @param segment the segment holding the records
 * @param firstIndex index of the first record of the run
 * @param position file offset of the first record
 * @param bounds {@code records + 1} offsets relative to {@code position}: record {@code i} spans
 *     {@code [bounds[i], bounds[i + 1])}
 */
record ReadSpan(Segment segment, long firstIndex, long position, int[] bounds) {

  int records() {
    return bounds.length - 1;
  }

  int bytes() {
    return bounds[bounds.length - 1];
  }

  /**
   * Decodes the records of this span from {@code data} (read at {@link #position()}) into {@code
   * out}; reports the index of a record that fails its CRC to {@code corrupt}.
   */
  void decodeInto(byte[] data, List<JournalRecord> out, LongConsumer corrupt) {
    for (int i = 0; i < records(); i++) {
      long index = firstIndex + i;
      JournalRecord record = RecordFormat.decode(data, bounds[i], bounds[i + 1] - bounds[i], index);
      if (record != null) {
        out.add(record);
      } else {
        corrupt.accept(index);
      }
    }
  }
}
