package io.plantline.console.adapter.out.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.console.TestJwts;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.DownstreamRoles.Service;
import io.plantline.console.domain.Role;
import io.plantline.console.domain.SiteScope;
import io.plantline.ingestion.query.JwtKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DownstreamTokensTest {
  private static final String SHARED = "shared-service-secret-0123456789abcdef\n";
  private static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() {
    VERTX.close();
  }

  private static ConsoleUser user(Role... roles) {
    return new ConsoleUser(
        "maria",
        Set.of(roles),
        SiteScope.of(List.of("site-1")),
        Instant.now().plusSeconds(600),
        "session-1",
        Instant.now());
  }

  @Test
  void shouldMintTokensTheQueryApiVerifierAccepts() throws Exception {
    DownstreamTokens tokens = new DownstreamTokens(VERTX, SHARED);
    String token = tokens.mint(user(Role.OPERATOR), Service.QUERY_API);

    // the query API's own verifier (ingestion), with the secret as it reads it from its file
    User verified =
        JwtKeys.hs256(SHARED)
            .provider(VERTX)
            .authenticate(new TokenCredentials(token))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(verified.principal().getString("sub")).isEqualTo("maria");
    assertThat(verified.principal().getJsonArray("roles").getList()).containsExactly("operator");
  }

  @Test
  void shouldCarryTheMappedRolesAShortLifeAndTheServiceAudience() {
    DownstreamTokens tokens = new DownstreamTokens(VERTX, SHARED);

    JsonObject scheduling =
        TestJwts.payload(tokens.mint(user(Role.MAINTENANCE), Service.SCHEDULING));
    JsonObject query = TestJwts.payload(tokens.mint(user(Role.MAINTENANCE), Service.QUERY_API));

    assertThat(scheduling.getJsonArray("roles").getList()).containsExactly("technician");
    assertThat(query.getJsonArray("roles").getList()).containsExactly("viewer");
    assertThat(scheduling.getLong("exp") - scheduling.getLong("iat")).isEqualTo(60);
    assertThat(scheduling.getString("iss")).isEqualTo("plantline-console");
    assertThat(scheduling.getValue("aud").toString()).contains("plantline-scheduling");
    assertThat(query.getValue("aud").toString()).contains("plantline-query-api");
    assertThat(scheduling.getJsonArray("sites").getList()).containsExactly("site-1");
    assertThat(
            TestJwts.payload(tokens.mint(user(Role.ADMIN), Service.SCHEDULING))
                .getJsonArray("roles")
                .getList())
        .containsExactly("planner");
  }
}
