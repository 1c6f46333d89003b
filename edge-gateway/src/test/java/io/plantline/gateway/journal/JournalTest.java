package io.plantline.gateway.journal;

import static io.plantline.gateway.journal.JournalFixtures.FRAME_BYTES;
import static io.plantline.gateway.journal.JournalFixtures.appendRecords;
import static io.plantline.gateway.journal.JournalFixtures.files;
import static io.plantline.gateway.journal.JournalFixtures.indexes;
import static io.plantline.gateway.journal.JournalFixtures.payload;
import static io.plantline.gateway.journal.JournalFixtures.readAll;
import static io.plantline.gateway.journal.JournalFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JournalTest {
  @TempDir Path dir;

  @Test
  void shouldReadAppendedRecordsInOrderUntilTheyAreAcknowledged() {
    try (Journal journal = Journal.open(small(dir.resolve("created/on/open")))) {
      long first = journal.append("device-1", payload(1));
      long second = journal.append("device-2", payload(2));
      long third = journal.append("dévice-3", new byte[0]);

      assertThat(List.of(first, second, third)).containsExactly(1L, 2L, 3L);
      List<JournalRecord> records = readAll(journal);
      assertThat(records)
          .extracting(JournalRecord::key)
          .containsExactly("device-1", "device-2", "dévice-3");
      assertThat(records.get(1).payload()).isEqualTo(payload(2));
      assertThat(records.get(2).payload()).isEmpty();

      journal.acknowledge(second);

      assertThat(indexes(readAll(journal))).containsExactly(first, third);
      assertThat(journal.backlogRecords()).isEqualTo(2);
      assertThat(journal.appendedRecords()).isEqualTo(3);
      assertThat(journal.acknowledgedRecords()).isEqualTo(1);
    }
  }

  @Test
  void shouldReadOnlyRecordsAfterTheGivenIndexAndAtMostMax() {
    try (Journal journal = Journal.open(small(dir))) {
      appendRecords(journal, 20);
      journal.acknowledge(6);
      journal.acknowledge(7);

      assertThat(indexes(journal.readUnacknowledged(4, 5))).containsExactly(5L, 8L, 9L, 10L, 11L);
      assertThat(indexes(journal.readUnacknowledged(18, 100))).containsExactly(19L, 20L);
      assertThat(journal.readUnacknowledged(20, 100)).isEmpty();
      assertThat(journal.readUnacknowledged(0, 0)).isEmpty();
      assertThat(indexes(journal.readUnacknowledged(-1, 2))).containsExactly(1L, 2L);
      assertThat(journal.readUnacknowledged(Long.MAX_VALUE, 2)).isEmpty();
      LongStream.rangeClosed(1, 8).forEach(journal::acknowledge);
      assertThat(indexes(journal.readUnacknowledged(Long.MIN_VALUE, 2))).containsExactly(9L, 10L);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = FsyncPolicy.class,
      names = {"ALWAYS", "INTERVAL"})
  void shouldKeepWorkingWhenTheCallingThreadIsInterrupted(FsyncPolicy fsync) {
    JournalConfig config =
        JournalFixtures.config(
            dir, fsync, OverflowPolicy.DROP_OLDEST, JournalFixtures.SEGMENT_BYTES, 1 << 20);
    try (Journal journal = Journal.open(config)) {
      Thread.currentThread().interrupt();
      try {
        appendRecords(journal, 20);
        journal.acknowledge(3);
        assertThat(readAll(journal)).hasSize(19);
        assertThat(journal.oldestUnacknowledgedMillis()).isPresent();
      } finally {
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
      }
      assertThat(journal.append("k", payload(21))).isEqualTo(21);
    }
    try (Journal journal = Journal.open(config)) {
      assertThat(journal.backlogRecords()).isEqualTo(20);
    }
  }

  @Test
  void shouldIgnoreRepeatedAndUnknownAcknowledgements() {
    try (Journal journal = Journal.open(small(dir))) {
      appendRecords(journal, 3);

      journal.acknowledge(2);
      journal.acknowledge(2);
      journal.acknowledge(0);
      journal.acknowledge(-7);
      journal.acknowledge(4);
      journal.acknowledge(Long.MAX_VALUE);

      assertThat(journal.acknowledgedRecords()).isEqualTo(1);
      assertThat(journal.backlogRecords()).isEqualTo(2);
    }
  }

  @Test
  void shouldDeleteASegmentOnceAllItsRecordsAreAcknowledged() {
    try (Journal journal = Journal.open(small(dir))) {
      appendRecords(journal, 20);
      assertThat(files(dir, ".log"))
          .containsExactly("segment-1.log", "segment-17.log", "segment-9.log");
      assertThat(journal.backlogBytes()).isEqualTo(20L * FRAME_BYTES);

      LongStream.rangeClosed(1, 8).forEach(journal::acknowledge);

      assertThat(files(dir, ".log")).containsExactly("segment-17.log", "segment-9.log");
      assertThat(files(dir, ".acks")).containsExactly("segment-17.acks", "segment-9.acks");
      assertThat(journal.backlogBytes()).isEqualTo(12L * FRAME_BYTES);

      LongStream.rangeClosed(9, 20).forEach(journal::acknowledge);

      assertThat(files(dir, ".log"))
          .as("the active segment stays")
          .containsExactly("segment-17.log");
      assertThat(journal.backlogBytes()).isEqualTo(4L * FRAME_BYTES);
      assertThat(journal.backlogRecords()).isZero();
    }
    assertThat(files(dir, ".log")).as("closed with nothing to deliver").isEmpty();
    assertThat(files(dir, ".acks")).isEmpty();
  }

  @Test
  void shouldKeepUnacknowledgedAndForgetAcknowledgedRecordsAfterACleanRestart() {
    List<JournalRecord> before;
    try (Journal journal = Journal.open(small(dir))) {
      appendRecords(journal, 10);
      List.of(1L, 3L, 5L, 9L).forEach(journal::acknowledge);
      before = readAll(journal);
    }

    try (Journal journal = Journal.open(small(dir))) {
      assertThat(readAll(journal)).isEqualTo(before);
      assertThat(indexes(before)).containsExactly(2L, 4L, 6L, 7L, 8L, 10L);
      assertThat(journal.backlogRecords()).isEqualTo(6);
      assertThat(journal.backlogBytes()).isEqualTo(10L * FRAME_BYTES);
      assertThat(journal.appendedRecords()).isZero();
      assertThat(journal.acknowledgedRecords()).isZero();
      assertThat(journal.truncatedSegments()).isZero();
    }
  }

  @Test
  void shouldContinueIndexesAfterRestart() {
    try (Journal journal = Journal.open(small(dir))) {
      appendRecords(journal, 5);
    }
    try (Journal journal = Journal.open(small(dir))) {
      assertThat(journal.append("k", payload(6))).isEqualTo(6);
      LongStream.rangeClosed(1, 6).forEach(journal::acknowledge);
    }
    assertThat(files(dir, ".log")).as("everything was acknowledged and deleted").isEmpty();

    try (Journal journal = Journal.open(small(dir))) {
      assertThat(journal.append("k", payload(7))).isEqualTo(7);
    }
  }

  @Test
  void shouldReportTheAppendTimeOfTheOldestUnacknowledgedRecord() {
    try (Journal journal = Journal.open(small(dir))) {
      assertThat(journal.oldestUnacknowledgedMillis()).isEmpty();
      long before = System.currentTimeMillis();
      long first = journal.append("k", payload(1));
      long firstAt = readAll(journal).get(0).appendedAtMillis();
      assertThat(firstAt).isBetween(before, System.currentTimeMillis());
      assertThat(journal.oldestUnacknowledgedMillis()).hasValue(firstAt);

      awaitClockPast(firstAt);
      long second = journal.append("k", payload(2));
      long secondAt = readAll(journal).get(1).appendedAtMillis();
      journal.acknowledge(first);

      assertThat(secondAt).isGreaterThan(firstAt);
      assertThat(journal.oldestUnacknowledgedMillis()).hasValue(secondAt);

      journal.acknowledge(second);
      assertThat(journal.oldestUnacknowledgedMillis()).isEmpty();
      journal.append("k", payload(3));
    }
    try (Journal journal = Journal.open(small(dir))) {
      assertThat(journal.oldestUnacknowledgedMillis())
          .hasValue(readAll(journal).get(0).appendedAtMillis());
    }
  }

  @Test
  void shouldRejectARecordLargerThanASegment() {
    try (Journal journal = Journal.open(small(dir))) {
      assertThatThrownBy(() -> journal.append("k", new byte[2000]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("segmentBytes 1024");
      assertThat(journal.append("k", new byte[1024 - 29])).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseASecondOpenOfTheSameDirectory() {
    try (Journal journal = Journal.open(small(dir))) {
      assertThatThrownBy(() -> Journal.open(small(dir)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already open");
      journal.append("k", payload(1));
    }
    try (Journal reopened = Journal.open(small(dir))) {
      assertThat(reopened.backlogRecords()).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseUseAfterClose() {
    Journal journal = Journal.open(small(dir));
    journal.close();
    journal.close();

    assertThatThrownBy(() -> journal.append("k", payload(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> journal.acknowledge(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> journal.readUnacknowledged(0, 1))
        .isInstanceOf(IllegalStateException.class);
  }

  private static void awaitClockPast(long millis) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.currentTimeMillis() <= millis) {
      if (System.nanoTime() > deadline) {
        fail("the wall clock did not advance");
      }
      Thread.onSpinWait();
    }
  }
}
