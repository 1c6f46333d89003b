package io.plantline.gateway.journal;

import static io.plantline.gateway.journal.JournalFixtures.FRAME_BYTES;
import static io.plantline.gateway.journal.JournalFixtures.appendRecords;
import static io.plantline.gateway.journal.JournalFixtures.files;
import static io.plantline.gateway.journal.JournalFixtures.indexes;
import static io.plantline.gateway.journal.JournalFixtures.payload;
import static io.plantline.gateway.journal.JournalFixtures.readAll;
import static io.plantline.gateway.journal.JournalFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JournalRecoveryTest {
  @TempDir Path dir;

  @Test
  void shouldCutATornTailAndKeepEveryCompleteRecord() throws IOException {
    List<JournalRecord> written = closedJournalWithFiveRecords();
    Files.write(
        segmentOne(), new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);

    try (Journal journal = Journal.open(small(dir))) {
      assertThat(journal.truncatedSegments()).isEqualTo(1);
      assertThat(readAll(journal)).isEqualTo(written);
      assertThat(Files.size(segmentOne())).isEqualTo(5L * FRAME_BYTES);
      assertThat(journal.append("k", payload(6))).isEqualTo(6);
    }
    try (Journal journal = Journal.open(small(dir))) {
      assertThat(journal.truncatedSegments()).isZero();
      assertThat(indexes(readAll(journal))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }
  }

  @Test
  void shouldCutAHalfWrittenRecordAndNeverReuseItsIndex() throws IOException {
    List<JournalRecord> written = closedJournalWithFiveRecords();
    try (RandomAccessFile file = new RandomAccessFile(segmentOne().toFile(), "rw")) {
      file.setLength(5L * FRAME_BYTES - 50);
    }

    try (Journal journal = Journal.open(small(dir))) {
      assertThat(journal.truncatedSegments()).isEqualTo(1);
      assertThat(readAll(journal)).isEqualTo(written.subList(0, 4));
      assertThat(journal.append("k", payload(6))).isEqualTo(6);
    }
  }

  @Test
  void shouldCutAtTheFirstRecordThatFailsItsCrc() throws IOException {
    List<JournalRecord> written = closedJournalWithFiveRecords();
    try (RandomAccessFile file = new RandomAccessFile(segmentOne().toFile(), "rw")) {
      long offset = 2L * FRAME_BYTES + 100;
      file.seek(offset);
      int original = file.read();
      file.seek(offset);
      file.write(original ^ 0x10);
    }

    try (Journal journal = Journal.open(small(dir))) {
      assertThat(journal.truncatedSegments()).isEqualTo(1);
      assertThat(readAll(journal)).isEqualTo(written.subList(0, 2));
    }
  }

  @Test
  void shouldCutATornAckLogTailAndKeepTheAcknowledgementsBeforeIt() throws IOException {
    try (Journal journal = Journal.open(small(dir))) {
      appendRecords(journal, 5);
      journal.acknowledge(1);
      journal.acknowledge(2);
    }
    Files.write(
        dir.resolve("segment-1.acks"), new byte[] {0, 0, 0, 0, 0}, StandardOpenOption.APPEND);

    try (Journal journal = Journal.open(small(dir))) {
      assertThat(indexes(readAll(journal))).containsExactly(3L, 4L, 5L);
      journal.acknowledge(3);
    }
    try (Journal journal = Journal.open(small(dir))) {
      assertThat(indexes(readAll(journal))).containsExactly(4L, 5L);
    }
  }

  @Test
  void shouldDeleteAnAckLogWhoseSegmentIsGone() throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("segment-999.acks"), new byte[12]);
    Files.write(dir.resolve("notes.txt"), new byte[] {1});

    try (Journal journal = Journal.open(small(dir))) {
      assertThat(journal.backlogRecords()).isZero();
    }
    assertThat(files(dir, ".acks")).isEmpty();
    assertThat(files(dir, ".txt")).containsExactly("notes.txt");
  }

  @ParameterizedTest
  @EnumSource(FsyncPolicy.class)
  void shouldKeepEverythingAppendedAndAcknowledgedWhenTheProcessCrashes(FsyncPolicy fsync) {
    JournalConfig config =
        JournalFixtures.config(
            dir, fsync, OverflowPolicy.DROP_OLDEST, JournalFixtures.SEGMENT_BYTES, 1 << 20);
    Journal crashed = Journal.open(config);
    appendRecords(crashed, 50);
    LongStream.rangeClosed(1, 50).filter(i -> i % 3 == 0).forEach(crashed::acknowledge);
    List<JournalRecord> unacknowledged = readAll(crashed);
    crashed.crashForTesting();

    try (Journal journal = Journal.open(config)) {
      assertThat(readAll(journal)).isEqualTo(unacknowledged);
      assertThat(unacknowledged).hasSize(34);
      assertThat(journal.backlogRecords()).isEqualTo(34);
      assertThat(journal.truncatedSegments()).isZero();
      assertThat(journal.append("k", payload(51))).isGreaterThan(50);
    }
  }

  private List<JournalRecord> closedJournalWithFiveRecords() {
    try (Journal journal = Journal.open(small(dir))) {
      appendRecords(journal, 5);
      return readAll(journal);
    }
  }

  private Path segmentOne() {
    return dir.resolve("segment-1.log");
  }
}
