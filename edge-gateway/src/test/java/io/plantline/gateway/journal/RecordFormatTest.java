package io.plantline.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

  @Test
  void shouldFrameARecordAsDocumented() {
    byte[] frame = RecordFormat.newFrame("ké", new byte[] {7, 8, 9}, 1024);
    RecordFormat.stamp(frame, 0x0102030405060708L, 0x1122334455667788L);

    String body = "0102030405060708" + "1122334455667788" + "00000003" + "6bc3a9" + "070809";
    CRC32 crc = new CRC32();
    crc.update(HexFormat.of().parseHex(body));
    String header = "0000001a" + "%08x".formatted(crc.getValue());
    assertThat(HexFormat.of().formatHex(frame)).isEqualTo(header + body);
  }

  @Test
  void shouldDecodeAnIntactFrameAndRefuseACorruptOrMisplacedOne() {
    byte[] frame = RecordFormat.newFrame("device-1", new byte[] {1, 2, 3}, 1024);
    RecordFormat.stamp(frame, 42, 1_700_000_000_000L);

    assertThat(RecordFormat.decode(frame, 0, frame.length, 42))
        .isEqualTo(new JournalRecord(42, "device-1", new byte[] {1, 2, 3}, 1_700_000_000_000L));
    assertThat(RecordFormat.decode(frame, 0, frame.length, 43)).as("wrong index").isNull();
    assertThat(RecordFormat.decode(frame, 0, frame.length - 1, 42)).as("short").isNull();
    frame[frame.length - 1] ^= 1;
    assertThat(RecordFormat.decode(frame, 0, frame.length, 42)).as("bit flip").isNull();
  }

  @Test
  void shouldStoreTheAppendTimeAtItsDocumentedOffset() {
    byte[] frame = RecordFormat.newFrame("k", new byte[0], 1024);
    RecordFormat.stamp(frame, 1, 123_456_789L);

    assertThat(ByteBuffer.wrap(frame).getLong(RecordFormat.APPENDED_AT_OFFSET))
        .isEqualTo(123_456_789L);
  }
}
