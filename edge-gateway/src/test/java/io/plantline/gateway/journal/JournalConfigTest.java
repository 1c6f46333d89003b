package io.plantline.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JournalConfigTest {
  private static final Path DIR = Path.of("journal");
  private static final Duration INTERVAL = Duration.ofMillis(200);

  @Test
  void shouldApplyTheDocumentedDefaults() {
    JournalConfig config =
        JournalConfig.of(DIR, 64L << 20, FsyncPolicy.INTERVAL, OverflowPolicy.DROP_OLDEST);

    assertThat(config.segmentBytes()).isEqualTo(8L << 20);
    assertThat(config.fsyncInterval()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void shouldNameTheFieldOfEveryInvalidValue() {
    assertInvalid(() -> config(null, 4096, 1024, INTERVAL), "directory");
    assertInvalid(() -> config(DIR, 4096, 1023, INTERVAL), "segmentBytes");
    assertInvalid(() -> config(DIR, 4L << 30, (1L << 30) + 1, INTERVAL), "segmentBytes");
    assertInvalid(() -> config(DIR, 2047, 1024, INTERVAL), "maxBytes");
    assertInvalid(() -> config(DIR, 4096, 1024, null), "fsyncInterval");
    assertInvalid(() -> config(DIR, 4096, 1024, Duration.ZERO), "fsyncInterval");
    assertInvalid(() -> config(DIR, 4096, 1024, Duration.ofHours(2)), "fsyncInterval");
    assertInvalid(
        () -> new JournalConfig(DIR, 4096, 1024, null, INTERVAL, OverflowPolicy.REJECT_NEW),
        "fsync must");
    assertInvalid(
        () -> new JournalConfig(DIR, 4096, 1024, FsyncPolicy.NEVER, INTERVAL, null), "overflow");
  }

  @Test
  void shouldAcceptTheSmallestValidJournal() {
    assertThat(config(DIR, 2048, 1024, Duration.ofNanos(1)).maxBytes()).isEqualTo(2048);
  }

  private static JournalConfig config(
      Path dir, long maxBytes, long segmentBytes, Duration interval) {
    return new JournalConfig(
        dir, maxBytes, segmentBytes, FsyncPolicy.ALWAYS, interval, OverflowPolicy.DROP_OLDEST);
  }

  private static void assertInvalid(Runnable construction, String field) {
    assertThatThrownBy(construction::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(field);
  }
}
