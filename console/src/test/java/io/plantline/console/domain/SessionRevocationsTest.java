package io.plantline.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionRevocationsTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-26T10:00:00Z"));

  @Test
  void shouldRefuseAnEndedSessionUntilItsEndAndForgetItAfter() {
    SessionRevocations ended = new SessionRevocations(10, now::get);

    assertThat(ended.end("s1", now.get().plusSeconds(60))).isTrue();

    assertThat(ended.isEnded("s1")).isTrue();
    assertThat(ended.isEnded("s2")).isFalse();
    now.set(now.get().plusSeconds(61));
    assertThat(ended.isEnded("s1")).isFalse();
  }

  @Test
  void shouldMakeRoomFromRunOutEntriesAndRefuseWhenReallyFull() {
    SessionRevocations ended = new SessionRevocations(2, now::get);
    ended.end("old", now.get().plusSeconds(10));
    ended.end("live", now.get().plusSeconds(3600));

    assertThat(ended.end("third", now.get().plusSeconds(3600))).as("full").isFalse();
    now.set(now.get().plusSeconds(11));
    assertThat(ended.end("third", now.get().plusSeconds(3600))).as("old one dropped").isTrue();
    assertThat(ended.isEnded("live")).isTrue();
    assertThat(ended.isEnded("third")).isTrue();
    assertThat(ended.size()).isEqualTo(2);
  }
}
