package io.plantline.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmBookTest {
  private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

  private static AlarmEvent raised(String id, String device, AlarmSeverity severity, Instant at) {
    return Alarms.event(
        id, device, "site-1", AlarmState.RAISED, severity, at, Map.of("temperature.mean", 93.5));
  }

  private static AlarmEvent next(String id, String device, AlarmState state, Instant at) {
    return Alarms.event(id, device, "site-1", state, AlarmSeverity.HIGH, at, Map.of());
  }

  @Test
  void shouldKeepTheLatestStateWithTheRaisesEvidenceAndAcknowledgement() {
    AlarmBook book = new AlarmBook(100);
    book.apply(raised("alm-1", "press-1", AlarmSeverity.HIGH, T0));
    book.apply(next("alm-1", "press-1", AlarmState.ACKNOWLEDGED, T0.plusSeconds(10)));
    AlarmView shelved =
        book.apply(next("alm-1", "press-1", AlarmState.SHELVED, T0.plusSeconds(20))).orElseThrow();

    assertThat(shelved.state()).isEqualTo(AlarmState.SHELVED);
    assertThat(shelved.acknowledged()).isTrue();
    assertThat(shelved.evidence()).containsEntry("temperature.mean", 93.5);
    assertThat(shelved.raisedAt()).isEqualTo(T0);
    assertThat(shelved.message()).isEqualTo("winding temperature above 90 °C");
    assertThat(shelved.lastMessage()).isEqualTo("shelved");
    assertThat(shelved.updatedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(book.size()).isEqualTo(1);
  }

  @Test
  void shouldIgnoreReplayedAndOlderEvents() {
    AlarmBook book = new AlarmBook(100);
    AlarmEvent raise = raised("alm-1", "press-1", AlarmSeverity.HIGH, T0);
    book.apply(raise);
    book.apply(next("alm-1", "press-1", AlarmState.CLEARED, T0.plusSeconds(60)));

    assertThat(book.apply(raise)).isEmpty();
    assertThat(book.apply(next("alm-1", "press-1", AlarmState.ACKNOWLEDGED, T0.plusSeconds(30))))
        .isEmpty();
    assertThat(book.get("alm-1").orElseThrow().state()).isEqualTo(AlarmState.CLEARED);
  }

  @Test
  void shouldLinkWorkOrdersWhicheverArrivesFirst() {
    AlarmBook book = new AlarmBook(100);
    assertThat(book.linkWorkOrder("alm-2", "wo-2")).isEmpty();
    book.apply(raised("alm-1", "press-1", AlarmSeverity.HIGH, T0));

    AlarmView later = book.linkWorkOrder("alm-1", "wo-1").orElseThrow();
    AlarmView early = book.apply(raised("alm-2", "press-2", AlarmSeverity.LOW, T0)).orElseThrow();

    assertThat(later.workOrderId()).isEqualTo("wo-1");
    assertThat(early.workOrderId()).isEqualTo("wo-2");
    assertThat(book.linkWorkOrder("alm-1", "wo-1")).as("same link again").isEmpty();
    assertThat(
            book.apply(next("alm-1", "press-1", AlarmState.ACKNOWLEDGED, T0.plusSeconds(1)))
                .orElseThrow()
                .workOrderId())
        .isEqualTo("wo-1");
  }

  @Test
  void shouldListMostSevereThenNewestFirst() {
    AlarmBook book = new AlarmBook(100);
    book.apply(raised("a", "d1", AlarmSeverity.LOW, T0.plusSeconds(5)));
    book.apply(raised("b", "d2", AlarmSeverity.CRITICAL, T0));
    book.apply(raised("c", "d3", AlarmSeverity.HIGH, T0.plusSeconds(1)));
    book.apply(raised("d", "d4", AlarmSeverity.HIGH, T0.plusSeconds(2)));

    assertThat(book.list(a -> true, 10))
        .extracting(AlarmView::alarmId)
        .containsExactly("b", "d", "c", "a");
    assertThat(book.list(a -> true, 2)).extracting(AlarmView::alarmId).containsExactly("b", "d");
    assertThat(book.list(a -> a.deviceId().equals("d3"), 10))
        .extracting(AlarmView::alarmId)
        .containsExactly("c");
  }

  @Test
  void shouldStayBoundedForgettingClearedAlarmsFirst() {
    AlarmBook book = new AlarmBook(100);
    for (int i = 0; i < 60; i++) {
      book.apply(raised("active-" + i, "d" + i, AlarmSeverity.HIGH, T0.plusSeconds(1000 + i)));
    }
    for (int i = 0; i < 60; i++) {
      book.apply(raised("old-" + i, "e" + i, AlarmSeverity.HIGH, T0.plusSeconds(i)));
      book.apply(next("old-" + i, "e" + i, AlarmState.CLEARED, T0.plusSeconds(i + 1)));
    }

    assertThat(book.size()).isLessThanOrEqualTo(100);
    for (int i = 0; i < 60; i++) {
      assertThat(book.get("active-" + i)).as("active-%d", i).isPresent();
    }
    assertThat(book.get("old-59")).as("newest cleared kept").isPresent();
    assertThat(book.get("old-0")).as("oldest cleared forgotten").isEmpty();
  }
}
