package io.plantline.gateway.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The framing of one record in a segment file, big-endian:
 *
 * <pre>
 * [length int][crc int][index long][appendedAt long][keyLength int][key UTF-8][payload]
 * </pre>
 *
 * {@code length} counts the bytes after the crc ({@code 20 + keyLength + payload}); {@code crc} is
 * the CRC32 of those bytes, so it covers the index, the time, the key and the payload.
 */
final class RecordFormat {
  /** Bytes of {@code [length][crc]}. */
  static final int HEADER_BYTES = 8;

  /** Bytes of {@code [index][appendedAt][keyLength]}, the smallest valid body. */
  static final int FIXED_BODY_BYTES = 20;

  /** Offset of {@code appendedAt} from the start of a frame. */
  static final int APPENDED_AT_OFFSET = 16;

  private static final int CRC_OFFSET = 4;
  private static final int INDEX_OFFSET = 8;
  private static final int KEY_LENGTH_OFFSET = 24;
  private static final int KEY_OFFSET = HEADER_BYTES + FIXED_BODY_BYTES;

  private RecordFormat() {}

  /** Size of the frame of a record; a long so that absurd inputs cannot overflow. */
  static long frameBytes(int keyBytes, int payloadBytes) {
    return (long) KEY_OFFSET + keyBytes + payloadBytes;
  }

  /**
   * A frame with key and payload in place; {@link #stamp} completes it.
   *
   * @throws IllegalArgumentException if the frame would exceed {@code segmentBytes}
   */
  static byte[] newFrame(String key, byte[] payload, long segmentBytes) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    long frameBytes = frameBytes(keyBytes.length, payload.length);
    if (frameBytes > segmentBytes) {
      throw new IllegalArgumentException(
          "record of %d bytes (key + payload + %d) exceeds segmentBytes %d"
              .formatted(frameBytes, KEY_OFFSET, segmentBytes));
    }
    return newFrame(keyBytes, payload);
  }

  /** A frame with key and payload in place; {@link #stamp} completes it. */
  static byte[] newFrame(byte[] key, byte[] payload) {
    byte[] frame = new byte[Math.toIntExact(frameBytes(key.length, payload.length))];
    ByteBuffer buffer = ByteBuffer.wrap(frame);
    buffer.putInt(0, frame.length - HEADER_BYTES);
    buffer.putInt(KEY_LENGTH_OFFSET, key.length);
    System.arraycopy(key, 0, frame, KEY_OFFSET, key.length);
    System.arraycopy(payload, 0, frame, KEY_OFFSET + key.length, payload.length);
    return frame;
  }

  /** Writes index and time into a frame from {@link #newFrame} and seals it with its CRC. */
  static void stamp(byte[] frame, long index, long appendedAtMillis) {
    ByteBuffer buffer = ByteBuffer.wrap(frame);
    buffer.putLong(INDEX_OFFSET, index);
    buffer.putLong(APPENDED_AT_OFFSET, appendedAtMillis);
    buffer.putInt(CRC_OFFSET, crc(frame, HEADER_BYTES, frame.length - HEADER_BYTES));
  }

  /**
   * Whether {@code bodyLength} bytes at {@code bodyOffset} are an intact record body with the given
   * CRC and the expected index.
   */
  static boolean isValidBody(
      byte[] buffer, int bodyOffset, int bodyLength, int crc, long expectedIndex) {
    if (bodyLength < FIXED_BODY_BYTES || crc(buffer, bodyOffset, bodyLength) != crc) {
      return false;
    }
    ByteBuffer body = ByteBuffer.wrap(buffer);
    int keyLength = body.getInt(bodyOffset + KEY_LENGTH_OFFSET - HEADER_BYTES);
    return body.getLong(bodyOffset) == expectedIndex
        && keyLength >= 0
        && keyLength <= bodyLength - FIXED_BODY_BYTES;
  }

  /**
   * Decodes the frame of {@code frameLength} bytes at {@code offset}, or returns null when it is
   * not an intact frame of the record with {@code expectedIndex}.
   */
  static JournalRecord decode(byte[] buffer, int offset, int frameLength, long expectedIndex) {
    if (frameLength < KEY_OFFSET) {
      return null;
    }
    ByteBuffer frame = ByteBuffer.wrap(buffer);
    int bodyLength = frame.getInt(offset);
    int crc = frame.getInt(offset + CRC_OFFSET);
    if (bodyLength != frameLength - HEADER_BYTES
        || !isValidBody(buffer, offset + HEADER_BYTES, bodyLength, crc, expectedIndex)) {
      return null;
    }
    long appendedAt = frame.getLong(offset + APPENDED_AT_OFFSET);
    int keyLength = frame.getInt(offset + KEY_LENGTH_OFFSET);
    String key = new String(buffer, offset + KEY_OFFSET, keyLength, StandardCharsets.UTF_8);
    byte[] payload =
        Arrays.copyOfRange(buffer, offset + KEY_OFFSET + keyLength, offset + frameLength);
    return new JournalRecord(expectedIndex, key, payload, appendedAt);
  }

  /** CRC32 of a byte range, as an int. */
  static int crc(byte[] buffer, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(buffer, offset, length);
    return (int) crc.getValue();
  }
}
