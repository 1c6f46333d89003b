package io.plantline.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireInstantsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T10:15:30Z",
        "2026-11-25T10:15:30.1Z",
        "2026-11-25T10:15:30.123Z",
        "2026-11-25T10:15:30.123456Z",
        "2026-11-25T10:15:30.123456789Z",
        "2024-02-29T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z"
      })
  void shouldReadTheWireFormLikeInstantParse(String text) {
    assertThat(WireInstants.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T10:15:30",
        "2026-11-25 10:15:30Z",
        "2026-11-25T10:15:30.Z",
        "2026-11-25T10:15:30.1234567890Z",
        "2026-11-25T24:00:00Z",
        "2026-11-25T23:60:00Z",
        "2026-11-25T23:59:60Z",
        "2026-02-30T10:15:30Z",
        "2025-02-29T10:15:30Z",
        "2026-13-01T10:15:30Z",
        "2026-00-01T10:15:30Z",
        "2026-11-25T10:15:30+01:00",
        "+2026-11-25T10:15:30Z",
        "2026-11-2xT10:15:30Z",
        "2026-1１-25T10:15:30Z",
        ""
      })
  void shouldLeaveAnythingElseToTheExactPath(String text) {
    assertThat(WireInstants.parse(text)).isNull();
  }

  @Test
  void shouldAgreeWithInstantParseOnRandomWireInstants() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      Instant expected =
          Instant.ofEpochSecond(
              random.nextLong(-62_167_219_200L, 253_402_300_799L), random.nextInt(1_000_000_000));
      String text = expected.toString();
      assertThat(WireInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void shouldReturnNullWhereInstantParseFailsOnDigitsThatLookRight() {
    for (String text : new String[] {"2026-04-31T00:00:00Z", "2026-06-31T12:00:00Z"}) {
      assertThat(WireInstants.parse(text)).isNull();
      try {
        Instant.parse(text);
        throw new AssertionError("Instant.parse accepted " + text);
      } catch (DateTimeParseException expected) {
        // both refuse it
      }
    }
  }
}
