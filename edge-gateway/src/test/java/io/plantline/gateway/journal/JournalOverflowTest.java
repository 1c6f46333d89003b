package io.plantline.gateway.journal;

import static io.plantline.gateway.journal.JournalFixtures.FRAME_BYTES;
import static io.plantline.gateway.journal.JournalFixtures.SEGMENT_BYTES;
import static io.plantline.gateway.journal.JournalFixtures.appendRecords;
import static io.plantline.gateway.journal.JournalFixtures.files;
import static io.plantline.gateway.journal.JournalFixtures.indexes;
import static io.plantline.gateway.journal.JournalFixtures.payload;
import static io.plantline.gateway.journal.JournalFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two segments of 8 records fill the journal (maxBytes = 2 * segmentBytes). */
class JournalOverflowTest {
  @TempDir Path dir;

  @Test
  void shouldDropExactlyTheOldestSegmentsUnacknowledgedRecordsWhenFull() {
    try (Journal journal = Journal.open(config(OverflowPolicy.DROP_OLDEST))) {
      appendRecords(journal, 16);
      journal.acknowledge(2);
      journal.acknowledge(10);

      assertThat(journal.append("k", payload(17))).isEqualTo(17);

      assertThat(journal.droppedRecords()).isEqualTo(7);
      assertThat(files(dir, ".log")).containsExactly("segment-17.log", "segment-9.log");
      assertThat(indexes(readAll(journal))).containsExactly(9L, 11L, 12L, 13L, 14L, 15L, 16L, 17L);
      assertThat(journal.backlogRecords()).isEqualTo(8);
      assertThat(journal.backlogBytes()).isEqualTo(9L * FRAME_BYTES);
      assertThat(journal.rejectedRecords()).isZero();
    }
  }

  @Test
  void shouldKeepTheBoundAndAccountForEveryRecordWhileDropping() {
    try (Journal journal = Journal.open(config(OverflowPolicy.DROP_OLDEST))) {
      for (int n = 1; n <= 100; n++) {
        journal.append("k", payload(n));
        assertThat(journal.backlogBytes()).isLessThanOrEqualTo(2L * SEGMENT_BYTES);
      }
      assertThat(journal.droppedRecords() + journal.backlogRecords()).isEqualTo(100);
      assertThat(indexes(readAll(journal))).last().isEqualTo(100L);
    }
  }

  @Test
  void shouldRejectNewRecordsWhenFullUntilAcknowledgementsFreeASegment() {
    try (Journal journal = Journal.open(config(OverflowPolicy.REJECT_NEW))) {
      appendRecords(journal, 16);

      assertThatThrownBy(() -> journal.append("k", payload(17)))
          .isInstanceOf(JournalFullException.class)
          .hasMessageContaining("full");
      assertThatThrownBy(() -> journal.append("k", payload(17)))
          .isInstanceOf(JournalFullException.class);
      assertThat(journal.rejectedRecords()).isEqualTo(2);
      assertThat(journal.droppedRecords()).isZero();
      assertThat(journal.backlogRecords()).isEqualTo(16);

      LongStream.rangeClosed(1, 7).forEach(journal::acknowledge);
      assertThatThrownBy(() -> journal.append("k", payload(17)))
          .as("one unacknowledged record keeps its segment")
          .isInstanceOf(JournalFullException.class);

      journal.acknowledge(8);
      assertThat(journal.append("k", payload(17))).isEqualTo(17);
      assertThat(journal.rejectedRecords()).isEqualTo(3);
      assertThat(indexes(readAll(journal))).hasSize(9).startsWith(9L).endsWith(17L);
    }
  }

  private JournalConfig config(OverflowPolicy overflow) {
    return JournalFixtures.config(
        dir, FsyncPolicy.INTERVAL, overflow, SEGMENT_BYTES, 2L * SEGMENT_BYTES);
  }
}
