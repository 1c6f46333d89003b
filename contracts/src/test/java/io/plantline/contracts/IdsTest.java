package io.plantline.contracts;

import static io.plantline.contracts.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"press-07", "plant_a", "hydraulic.pressure", "A", "0", "WO-2026-000183"})
  void shouldAcceptIdsFromTheSafeCharacterSet(String id) {
    assertThat(Ids.require("deviceId", id)).isEqualTo(id);
    assertThat(Ids.isValid(id)).isTrue();
  }

  @Test
  void shouldAcceptIdOfExactly64Characters() {
    assertThat(Ids.isValid("d".repeat(64))).isTrue();
  }

  static Stream<Arguments> invalidIds() {
    String allowed = " (allowed: A-Z a-z 0-9 . _ -)";
    return Stream.of(
        Arguments.of(null, "missing"),
        Arguments.of("", "empty"),
        Arguments.of("d".repeat(65), "longer than 64 characters"),
        Arguments.of("press/07", "illegal character '/'" + allowed),
        Arguments.of("press+", "illegal character '+'" + allowed),
        Arguments.of("press#", "illegal character '#'" + allowed),
        Arguments.of("press 07", "illegal character U+0020" + allowed),
        Arguments.of("pr\u00e4sse", "illegal character U+00E4" + allowed),
        Arguments.of("press\n", "illegal character U+000A" + allowed),
        Arguments.of(".hidden", "must start with a letter or digit"),
        Arguments.of("-07", "must start with a letter or digit"));
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void shouldRejectIdNamingTheFieldAndTheBrokenRule(String id, String reason) {
    assertThat(violation(() -> Ids.require("siteId", id)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("siteId", reason);
    assertThat(Ids.isValid(id)).isFalse();
  }

  @Test
  void shouldAgreeWithTheIdPatternOnEveryShortAsciiString() {
    java.util.regex.Pattern pattern =
        java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    String alphabet = "aZ09._- /:\u00e9";
    for (int i = 0; i < 50_000; i++) {
      int length = random.nextInt(0, 70);
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < length; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = b.toString();
      org.assertj.core.api.Assertions.assertThat(Ids.isValid(text))
          .as("'%s'", text)
          .isEqualTo(pattern.matcher(text).matches());
    }
  }
}
