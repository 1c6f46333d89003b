package io.plantline.console.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.fuzz.Fuzzing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's token check under Jazzer: no input may crash it or pass as another user. */
class UserTokenFuzzTest {

  @Test
  void shouldRefuseEverySeedToken() {
    assertThat(Fuzzing.replaySeeds(UserTokenFuzzTarget.class, "user-token"))
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldSurviveFuzzedTokens(@TempDir Path work) {
    Fuzzing.assertClean(
        UserTokenFuzzTarget.class, "user-token", work, 1_000, "io.vertx.ext.auth.**");
  }
}
