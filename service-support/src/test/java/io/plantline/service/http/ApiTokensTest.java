package io.plantline.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Service tokens come from the console on another host: a clock a few seconds ahead must not make
 * them fail ({@code iat} in the future), one a minute ahead must.
 */
class ApiTokensTest {
  private static final Vertx VERTX = Vertx.vertx();
  private static final ApiTokens TOKENS =
      ApiTokens.hs256("services-shared-secret-for-tests-0123456789");

  @AfterAll
  static void close() {
    VERTX.close();
  }

  private static String signed(long iatOffsetSeconds, long expOffsetSeconds) {
    long now = Instant.now().getEpochSecond();
    return TOKENS
        .provider(VERTX)
        .generateToken(
            new JsonObject()
                .put("sub", "console")
                .put("iat", now + iatOffsetSeconds)
                .put("exp", now + expOffsetSeconds),
            new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
  }

  private static Object verify(String token) throws Exception {
    JWTAuth auth = TOKENS.provider(VERTX);
    return auth.authenticate(new TokenCredentials(token))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldAcceptATokenFromAClockUpToThirtySecondsAheadAndRefuseOneFurther() throws Exception {
    assertThat(verify(signed(10, 70))).isNotNull();
    assertThat(verify(signed(0, -10))).as("expired 10 s ago, within the skew").isNotNull();
    assertThatThrownBy(() -> verify(signed(90, 150))).isInstanceOf(ExecutionException.class);
    assertThatThrownBy(() -> verify(signed(-120, -60))).isInstanceOf(ExecutionException.class);
  }
}
