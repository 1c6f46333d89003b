package io.plantline.gateway.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Scans a segment log on open: finds every intact record, in order, and cuts a torn or corrupt tail
 * (short frame, impossible length, CRC mismatch, unexpected index) off at the last good record.
 */
final class SegmentScanner {

  /** Result of a scan: record positions, the size of the intact prefix, the bytes cut off. */
  record Scan(int[] positions, long validBytes, long truncatedBytes) {
    int recordCount() {
      return positions.length;
    }
  }

  private SegmentScanner() {}

  /** Scans {@code log}, whose first record must carry {@code firstIndex}; truncates if needed. */
  static Scan scan(Path log, long firstIndex) throws IOException {
    int[] positions = new int[1024];
    int count = 0;
    long position = 0;
    long length = Files.size(log);
    try (FileInputStream file = new FileInputStream(log.toFile());
        DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16))) {
      byte[] body = new byte[4096];
      while (length - position >= RecordFormat.HEADER_BYTES && position < Integer.MAX_VALUE) {
        int bodyLength = in.readInt();
        int crc = in.readInt();
        if (bodyLength < RecordFormat.FIXED_BODY_BYTES
            || bodyLength > length - position - RecordFormat.HEADER_BYTES) {
          break;
        }
        if (body.length < bodyLength) {
          body = new byte[Math.max(bodyLength, 2 * body.length)];
        }
        in.readFully(body, 0, bodyLength);
        if (!RecordFormat.isValidBody(body, 0, bodyLength, crc, firstIndex + count)) {
          break;
        }
        if (count == positions.length) {
          positions = Arrays.copyOf(positions, 2 * count);
        }
        positions[count++] = (int) position;
        position += RecordFormat.HEADER_BYTES + bodyLength;
      }
    }
    if (position < length) {
      truncate(log, position);
    }
    return new Scan(Arrays.copyOf(positions, count), position, length - position);
  }

  private static void truncate(Path log, long size) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.setLength(size);
      file.getFD().sync();
    }
  }
}
