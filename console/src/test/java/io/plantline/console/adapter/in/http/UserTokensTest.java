package io.plantline.console.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.console.TestJwts;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.PasswordHash;
import io.plantline.console.domain.Role;
import io.plantline.console.domain.SiteScope;
import io.plantline.console.domain.UserAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UserTokensTest {
  private static final String KEY = "console-user-token-key-for-tests-0123456789";
  private static final Vertx VERTX = Vertx.vertx();
  private static final UserTokens TOKENS = new UserTokens(VERTX, KEY);
  private static final Instant IN_AN_HOUR = Instant.now().plusSeconds(3600);

  @AfterAll
  static void close() {
    VERTX.close();
  }

  private static ConsoleUser verify(String token) throws Exception {
    return TOKENS.verify(token).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String refusal(String token) throws Exception {
    Future<ConsoleUser> result = TOKENS.verify(token);
    try {
      result.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(InvalidTokenException.class);
      return e.getCause().getMessage();
    }
    throw new AssertionError("token accepted: " + TestJwts.payload(token));
  }

  @Test
  void shouldIssueTokensThatVerifyWithTheUsersRolesAndSites() throws Exception {
    UserAccount alice =
        new UserAccount(
            "alice",
            PasswordHash.create("irrelevant-pass".toCharArray(), new SecureRandom()),
            Set.of(Role.OPERATOR, Role.MAINTENANCE),
            SiteScope.of(List.of("site-1", "site-2")));

    UserTokens.Issued issued = TOKENS.issue(alice);
    ConsoleUser user = verify(issued.token());

    assertThat(user.username()).isEqualTo("alice");
    assertThat(user.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.MAINTENANCE);
    assertThat(user.sites().sites()).containsExactly("site-1", "site-2");
    JsonObject claims = TestJwts.payload(issued.token());
    assertThat(TestJwts.header(issued.token()).getString("alg")).isEqualTo("HS256");
    assertThat(claims.getString("iss")).isEqualTo("plantline-console");
    assertThat(claims.getValue("aud").toString()).contains("plantline-console");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
    assertThat(claims.getString("sid")).hasSizeGreaterThanOrEqualTo(22);
    assertThat(user.sessionId()).isEqualTo(claims.getString("sid"));
    assertThat(user.authenticatedAt().getEpochSecond()).isEqualTo(claims.getLong("auth_time"));
    assertThat(verify(TOKENS.issue(alice).token()).sessionId())
        .as("each login is a new session")
        .isNotEqualTo(user.sessionId());
    assertThat(issued.expiresAt()).isEqualTo(Instant.ofEpochSecond(claims.getLong("exp")));
    assertThat(user.expiresAt()).isEqualTo(issued.expiresAt());
  }

  @Test
  void shouldNameTheKeyAndKeepVerifyingTheTokensOfThePreviousKeyDuringARotation() throws Exception {
    UserAccount carol =
        new UserAccount(
            "carol",
            PasswordHash.create("irrelevant-pass".toCharArray(), new SecureRandom()),
            Set.of(Role.VIEWER),
            SiteScope.of(List.of("site-1")));
    String next = "console-user-token-key-after-rotation-987654321";
    String oldToken = TOKENS.issue(carol).token();
    assertThat(TestJwts.header(oldToken).getString("kid"))
        .isEqualTo(UserTokens.keyId(KEY))
        .hasSize(16)
        .doesNotContain(KEY.substring(0, 8));

    UserTokens rotated = new UserTokens(VERTX, next, List.of(KEY));
    UserTokens afterRotation = new UserTokens(VERTX, next);
    String newToken = rotated.issue(carol).token();

    assertThat(TestJwts.header(newToken).getString("kid")).isEqualTo(UserTokens.keyId(next));
    assertThat(await(rotated.verify(oldToken)).username()).isEqualTo("carol");
    assertThat(await(rotated.verify(newToken)).username()).isEqualTo("carol");
    assertThat(refusalBy(afterRotation, oldToken)).isEqualTo("token key id not accepted");
    assertThat(refusal(newToken)).isEqualTo("token key id not accepted");
    // A token without kid (issued before key ids) is checked against the current key only.
    String legacy =
        TestJwts.hs256(KEY, TestJwts.claims("carol", List.of("viewer"), List.of("*"), IN_AN_HOUR));
    assertThat(verify(legacy).username()).isEqualTo("carol");
    assertThat(refusalBy(rotated, legacy)).isEqualTo("token signature invalid");
  }

  private static ConsoleUser await(Future<ConsoleUser> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String refusalBy(UserTokens tokens, String token) throws Exception {
    try {
      await(tokens.verify(token));
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(InvalidTokenException.class);
      return e.getCause().getMessage();
    }
    throw new AssertionError("token accepted: " + TestJwts.payload(token));
  }

  @Test
  void shouldAcceptAHandMadeTokenWithTheRightKeyAndClaims() throws Exception {
    String token =
        TestJwts.hs256(KEY, TestJwts.claims("bob", List.of("viewer"), List.of("*"), IN_AN_HOUR));

    assertThat(verify(token).sites().allSites()).isTrue();
  }

  @Test
  void shouldRefuseAnExpiredToken() throws Exception {
    String token =
        TestJwts.hs256(
            KEY,
            TestJwts.claims(
                "bob", List.of("viewer"), List.of("s1"), Instant.now().minusSeconds(60)));

    assertThat(refusal(token)).isEqualTo("token expired");
  }

  /** Replicas' clocks may disagree by up to 30 s: exp that late, nbf and iat that early. */
  @Test
  void shouldAllowTheClockSkewOnExpiryAndNotBeforeButNoMore() throws Exception {
    Instant now = Instant.now();
    String justExpired =
        TestJwts.hs256(
            KEY, TestJwts.claims("bob", List.of("viewer"), List.of("s1"), now.minusSeconds(10)));
    assertThat(verify(justExpired).username()).isEqualTo("bob");

    JsonObject slightlyAhead = TestJwts.claims("bob", List.of("viewer"), List.of("s1"), IN_AN_HOUR);
    slightlyAhead.put("nbf", now.plusSeconds(10).getEpochSecond());
    slightlyAhead.put("iat", now.plusSeconds(10).getEpochSecond());
    assertThat(verify(TestJwts.hs256(KEY, slightlyAhead)).username()).isEqualTo("bob");

    for (String claim : List.of("nbf", "iat")) {
      JsonObject early = TestJwts.claims("bob", List.of("viewer"), List.of("s1"), IN_AN_HOUR);
      early.put(claim, now.plusSeconds(120).getEpochSecond());
      assertThat(refusal(TestJwts.hs256(KEY, early)))
          .as(claim + " two minutes ahead")
          .startsWith("token not valid yet");
    }
  }

  @Test
  void shouldIssueTokensWithANotBeforeClaim() throws Exception {
    UserTokens.Issued issued =
        TOKENS.issue(
            new io.plantline.console.domain.UserAccount(
                "dora",
                io.plantline.console.domain.PasswordHash.create(
                    "a-long-password-0".toCharArray(), new java.security.SecureRandom()),
                java.util.Set.of(io.plantline.console.domain.Role.VIEWER),
                io.plantline.console.domain.SiteScope.of(List.of("s1"))));
    JsonObject payload = TestJwts.payload(issued.token());
    assertThat(payload.getLong("nbf"))
        .isBetween(Instant.now().minusSeconds(5).getEpochSecond(), Instant.now().getEpochSecond());
  }

  @Test
  void shouldRefuseAlgNoneAndUnsignedTokens() throws Exception {
    JsonObject claims = TestJwts.claims("bob", List.of("admin"), List.of("*"), IN_AN_HOUR);
    String none = TestJwts.algNone(claims);
    String strippedSignature = TestJwts.hs256(KEY, claims).replaceAll("\\.[^.]*$", ".");
    String twoSegments = none.substring(0, none.length() - 1);

    assertThat(refusal(none)).isEqualTo("token is not a signed JWT");
    assertThat(refusal(strippedSignature)).isEqualTo("token is not a signed JWT");
    assertThat(refusal(twoSegments)).isEqualTo("token is not a signed JWT");
    String noneWithSignature = TestJwts.signed(KEY, new JsonObject().put("alg", "none"), claims);
    assertThat(refusal(noneWithSignature)).contains("algorithm none is not accepted");
    String hs512Header = TestJwts.signed(KEY, new JsonObject().put("alg", "HS512"), claims);
    assertThat(refusal(hs512Header)).contains("algorithm HS512 is not accepted");
  }

  @Test
  void shouldRefuseAWrongAudienceOrIssuer() throws Exception {
    JsonObject claims = TestJwts.claims("bob", List.of("viewer"), List.of("s1"), IN_AN_HOUR);

    assertThat(refusal(TestJwts.hs256(KEY, claims.copy().put("aud", "plantline-scheduling"))))
        .isEqualTo("token audience not accepted");
    assertThat(refusal(TestJwts.hs256(KEY, withoutAud(claims))))
        .isEqualTo("token audience not accepted");
    assertThat(refusal(TestJwts.hs256(KEY, claims.copy().put("iss", "someone-else"))))
        .isEqualTo("token issuer not accepted");
  }

  private static JsonObject withoutAud(JsonObject claims) {
    JsonObject copy = claims.copy();
    copy.remove("aud");
    return copy;
  }

  @Test
  void shouldRefuseABadSignatureOrATamperedPayload() throws Exception {
    JsonObject claims = TestJwts.claims("bob", List.of("viewer"), List.of("s1"), IN_AN_HOUR);
    String otherKey = TestJwts.hs256("another-key-of-at-least-thirty-two-bytes!", claims);
    String good = TestJwts.hs256(KEY, claims);
    String[] parts = good.split("\\.");
    String elevated =
        TestJwts.hs256("x".repeat(40), claims.copy().put("roles", List.of("admin")))
            .split("\\.")[1];

    assertThat(refusal(otherKey)).isEqualTo("token signature invalid");
    assertThat(refusal(parts[0] + "." + elevated + "." + parts[2]))
        .isEqualTo("token signature invalid");
  }

  @Test
  void shouldRefreshWithinTheSessionAndNotPastItsLimit() throws Exception {
    UserAccount dora =
        new UserAccount(
            "dora",
            PasswordHash.create("irrelevant-pass".toCharArray(), new SecureRandom()),
            Set.of(Role.OPERATOR),
            SiteScope.of(List.of("site-1")));
    ConsoleUser first = verify(TOKENS.issue(dora).token());

    ConsoleUser refreshed = verify(TOKENS.refresh(dora, first).token());

    assertThat(refreshed.sessionId()).isEqualTo(first.sessionId());
    assertThat(refreshed.authenticatedAt()).isEqualTo(first.authenticatedAt());
    assertThat(refreshed.expiresAt()).isAfterOrEqualTo(first.expiresAt());

    // Ten minutes before the limit: the refreshed token ends with the session, not 15 min later.
    Instant login = Instant.now().minus(UserTokens.SESSION_LIMIT).plusSeconds(600);
    ConsoleUser late =
        new ConsoleUser(
            "dora",
            Set.of(Role.OPERATOR),
            first.sites(),
            Instant.now().plusSeconds(60),
            "s",
            login);
    assertThat(verify(TOKENS.refresh(dora, late).token()).expiresAt())
        .isBetween(
            login.plus(UserTokens.SESSION_LIMIT).minusSeconds(2),
            login.plus(UserTokens.SESSION_LIMIT));

    ConsoleUser over =
        new ConsoleUser(
            "dora",
            Set.of(Role.OPERATOR),
            first.sites(),
            Instant.now().plusSeconds(60),
            "s",
            Instant.now().minus(UserTokens.SESSION_LIMIT).minusSeconds(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TOKENS.refresh(dora, over))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("log in again");
  }

  @Test
  void shouldRefuseATokenWithoutASessionOrOutlivingIt() throws Exception {
    JsonObject claims = TestJwts.claims("bob", List.of("viewer"), List.of("s1"), IN_AN_HOUR);
    JsonObject noSid = claims.copy();
    noSid.remove("sid");
    JsonObject noLogin = claims.copy();
    noLogin.remove("auth_time");
    JsonObject outliving =
        claims
            .copy()
            .put(
                "auth_time",
                Instant.now().minus(UserTokens.SESSION_LIMIT).plusSeconds(60).getEpochSecond());

    assertThat(refusal(TestJwts.hs256(KEY, noSid))).isEqualTo("token has no session id");
    assertThat(refusal(TestJwts.hs256(KEY, noLogin))).isEqualTo("token has no login time");
    assertThat(refusal(TestJwts.hs256(KEY, outliving))).isEqualTo("token outlives its session");
  }

  @Test
  void shouldRefuseTokensWithoutUsableClaims() throws Exception {
    JsonObject claims = TestJwts.claims("bob", List.of("viewer"), List.of("s1"), IN_AN_HOUR);
    JsonObject noExp = claims.copy();
    noExp.remove("exp");

    assertThat(refusal(TestJwts.hs256(KEY, noExp))).isEqualTo("token has no expiry");
    assertThat(refusal(TestJwts.hs256(KEY, claims.copy().put("roles", List.of("root")))))
        .contains("unknown role 'root'");
    assertThat(refusal(TestJwts.hs256(KEY, claims.copy().put("sites", List.of()))))
        .contains("sites must be a non-empty list");
    assertThat(refusal(TestJwts.hs256(KEY, claims.copy().put("sub", "a b")))).contains("subject");
    assertThat(refusal("not-a-token")).isEqualTo("token is not a signed JWT");
    assertThat(refusal("a.b.c")).isEqualTo("token header is not valid");
  }
}
