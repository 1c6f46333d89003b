package io.plantline.console.adapter.in.http;

import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.Role;
import io.plantline.console.domain.SiteScope;
import io.plantline.console.domain.UserAccount;
import io.plantline.contracts.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's own user tokens: HS256 with the console key, {@code iss} and {@code aud} {@value
 * #ISSUER}, {@code sub}, {@code roles}, {@code sites}, {@code iat}, {@code exp} ({@link
 * #LIFETIME}), the login session's id {@code sid} and its login time {@code auth_time}.
 *
 * <p>Tokens are short; a client keeps its session by {@linkplain #refresh refreshing} its token
 * before it expires, up to {@link #SESSION_LIMIT} after the login, when the user must give their
 * password again. Logging out ends the session for every token of it ({@link
 * io.plantline.console.domain.SessionRevocations}).
 *
 * <p>Each token names its key in the header's {@code kid}; during a rotation the previous keys
 * still verify the tokens they signed (see {@link #UserTokens(Vertx, String, List)}).
 *
 * <p>Verification refuses, with a reason: anything but three segments, a header whose {@code alg}
 * is not {@code HS256} (so {@code none} and unsigned tokens), a bad signature, a missing or passed
 * {@code exp}, a wrong {@code iss} or {@code aud}, and claims that do not make a {@link
 * ConsoleUser}. The signature and time checks are vertx-auth-jwt's; the algorithm, audience and
 * issuer are checked again here so that a change of library defaults cannot open them.
 */
public final class UserTokens {
  /** Issuer and audience of console tokens. */
  public static final String ISSUER = "plantline-console";

  /** Audience of console tokens. */
  public static final String AUDIENCE = "plantline-console";

  /** How long a token is valid. */
  public static final Duration LIFETIME = Duration.ofMinutes(15);

  /** How long a session can be kept by refreshing, from the login. */
  public static final Duration SESSION_LIMIT = Duration.ofHours(12);

  /**
   * How far clocks of the console replicas may disagree: {@code exp} is honoured up to this late,
   * {@code nbf} and {@code iat} up to this early.
   */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Shortest accepted key. */
  public static final int MIN_KEY_BYTES = 32;

  /**
   * A token and when it expires.
   *
   * @param token the compact JWT
   * @param expiresAt its {@code exp}
   */
  public record Issued(String token, Instant expiresAt) {}

  private final JWTAuth auth;
  private final String keyId;
  private final Map<String, JWTAuth> verifiers = new LinkedHashMap<>();

  /**
   * @param secret the HS256 key, at least {@link #MIN_KEY_BYTES} bytes (surrounding white space is
   *     dropped, as the services do)
   */
  public UserTokens(Vertx vertx, String secret) {
    this(vertx, secret, List.of());
  }

  /**
   * Tokens signed with {@code secret} (its key id in the header's {@code kid}) and, during a key
   * rotation, also verified with the {@code previous} keys: a token names its key by {@code kid};
   * one without a {@code kid} (issued before key ids) is checked against the current key only; an
   * unknown {@code kid} is refused.
   */
  public UserTokens(Vertx vertx, String secret, List<String> previous) {
    JWTOptions verify =
        new JWTOptions()
            .setIssuer(ISSUER)
            .setAudience(List.of(AUDIENCE))
            .setLeeway((int) CLOCK_SKEW.toSeconds());
    this.auth = provider(vertx, secret, verify);
    this.keyId = keyId(secret);
    verifiers.put(keyId, auth);
    for (String old : previous) {
      verifiers.putIfAbsent(keyId(old), provider(vertx, old, verify));
    }
  }

  /**
   * The key id of an HS256 key: the first 16 characters of the unpadded base64url SHA-256 of the
   * key (names the key without revealing it).
   */
  static String keyId(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((secret == null ? "" : secret.strip()).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static JWTAuth provider(Vertx vertx, String secret, JWTOptions verifyOptions) {
    String key = secret == null ? "" : secret.strip();
    if (key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the HS256 key must be at least " + MIN_KEY_BYTES + " bytes");
    }
    return JWTAuth.create(
        vertx,
        new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key))
            .setJWTOptions(verifyOptions));
  }

  /** A token of a new session for {@code account}, valid for {@link #LIFETIME}. */
  public Issued issue(UserAccount account) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    Instant now = Instant.now();
    return sign(account, Base64.getUrlEncoder().withoutPadding().encodeToString(id), now, LIFETIME);
  }

  /**
   * A new token of {@code user}'s session, with the account's current roles and sites: valid for
   * {@link #LIFETIME}, but not past {@link #SESSION_LIMIT} after the login.
   *
   * @throws InvalidTokenException when the session has reached its limit
   */
  public Issued refresh(UserAccount account, ConsoleUser user) {
    Instant end = user.authenticatedAt().plus(SESSION_LIMIT);
    Duration left = Duration.between(Instant.now(), end);
    if (left.toSeconds() < 1) {
      throw new InvalidTokenException(
          "session is older than " + SESSION_LIMIT.toHours() + " h; log in again");
    }
    return sign(
        account,
        user.sessionId(),
        user.authenticatedAt(),
        left.compareTo(LIFETIME) < 0 ? left : LIFETIME);
  }

  private Issued sign(UserAccount account, String sessionId, Instant authTime, Duration validity) {
    JsonObject claims =
        new JsonObject()
            .put("sub", account.username())
            .put("roles", new JsonArray(account.roles().stream().map(Role::wireName).toList()))
            .put("sites", new JsonArray(List.copyOf(account.sites().sites())))
            .put("sid", sessionId)
            .put("auth_time", authTime.getEpochSecond())
            .put("nbf", Instant.now().getEpochSecond());
    String token =
        auth.generateToken(
            claims,
            new JWTOptions()
                .setAlgorithm("HS256")
                .setIssuer(ISSUER)
                .setAudience(List.of(AUDIENCE))
                .setHeader(new JsonObject().put("kid", keyId))
                .setExpiresInSeconds((int) validity.toSeconds()));
    long exp = payload(token).getLong("exp");
    return new Issued(token, Instant.ofEpochSecond(exp));
  }

  /** The user a token stands for; fails with {@link InvalidTokenException}. */
  public Future<ConsoleUser> verify(String token) {
    String problem = checkForm(token);
    if (problem != null) {
      return Future.failedFuture(new InvalidTokenException(problem));
    }
    Object kid = header(token).getValue("kid");
    JWTAuth verifier = kid == null ? auth : kid instanceof String k ? verifiers.get(k) : null;
    if (verifier == null) {
      return Future.failedFuture(new InvalidTokenException("token key id not accepted"));
    }
    return verifier
        .authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(new InvalidTokenException(classify(e, token))))
        .compose(
            verified -> {
              try {
                return Future.succeededFuture(user(payload(token)));
              } catch (RuntimeException e) {
                return Future.failedFuture(new InvalidTokenException(e.getMessage()));
              }
            });
  }

  private static String checkForm(String token) {
    if (token == null || token.isBlank()) {
      return "token missing";
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[2].isEmpty()) {
      return "token is not a signed JWT";
    }
    JsonObject header;
    try {
      header =
          new JsonObject(
              new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException e) {
      return "token header is not valid";
    }
    if (!"HS256".equals(header.getValue("alg"))) {
      return "token algorithm " + header.getValue("alg") + " is not accepted (HS256 only)";
    }
    if (header.containsKey("crit")) {
      return "token header has critical extensions";
    }
    return null;
  }

  private static String classify(Throwable e, String token) {
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (m.contains("expired")) {
      // Vert.x calls a token "expired" for a future nbf or iat too; name which (for the message
      // only: the token is refused either way)
      return notYetValid(token) ? "token not valid yet" : "token expired";
    } else if (m.contains("audience")) {
      return "token audience not accepted";
    } else if (m.contains("issuer")) {
      return "token issuer not accepted";
    } else if (m.contains("signature")) {
      return "token signature invalid";
    } else if (m.contains("nbf") || m.contains("iat")) {
      return "token not valid yet";
    }
    return "token invalid";
  }

  private static boolean notYetValid(String token) {
    try {
      return earlyClaim(payload(token), Instant.now()) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The first of {@code nbf} and {@code iat} that is not a number or lies more than {@link
   * #CLOCK_SKEW} after {@code now}, or null when neither does (both are optional).
   */
  private static String earlyClaim(JsonObject claims, Instant now) {
    for (String early : List.of("nbf", "iat")) {
      Object at = claims.getValue(early);
      if (at != null
          && (!(at instanceof Number t)
              || Instant.ofEpochSecond(t.longValue()).isAfter(now.plus(CLOCK_SKEW)))) {
        return early;
      }
    }
    return null;
  }

  static ConsoleUser user(JsonObject claims) {
    Object exp = claims.getValue("exp");
    if (!(exp instanceof Number n)) {
      throw new IllegalArgumentException("token has no expiry");
    }
    Instant expiresAt = Instant.ofEpochSecond(n.longValue());
    Instant now = Instant.now();
    if (!expiresAt.plus(CLOCK_SKEW).isAfter(now)) {
      throw new IllegalArgumentException("token expired");
    }
    String early = earlyClaim(claims, now);
    if (early != null) {
      throw new IllegalArgumentException("token not valid yet (" + early + ")");
    }
    if (!ISSUER.equals(claims.getValue("iss"))) {
      throw new IllegalArgumentException("token issuer not accepted");
    }
    Object aud = claims.getValue("aud");
    boolean audience = AUDIENCE.equals(aud) || (aud instanceof JsonArray a && a.contains(AUDIENCE));
    if (!audience) {
      throw new IllegalArgumentException("token audience not accepted");
    }
    Object sub = claims.getValue("sub");
    if (!(sub instanceof String s) || !Ids.isValid(s)) {
      throw new IllegalArgumentException("token subject is not a user id");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String r : strings(claims, "roles")) {
      roles.add(Role.parse(r));
    }
    Object sid = claims.getValue("sid");
    if (!(sid instanceof String session) || session.isBlank() || session.length() > 64) {
      throw new IllegalArgumentException("token has no session id");
    }
    Object authTime = claims.getValue("auth_time");
    if (!(authTime instanceof Number login)) {
      throw new IllegalArgumentException("token has no login time");
    }
    Instant authenticatedAt = Instant.ofEpochSecond(login.longValue());
    if (!expiresAt.isBefore(authenticatedAt.plus(SESSION_LIMIT).plusSeconds(1))) {
      throw new IllegalArgumentException("token outlives its session");
    }
    return new ConsoleUser(
        s, roles, SiteScope.of(strings(claims, "sites")), expiresAt, session, authenticatedAt);
  }

  private static List<String> strings(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw new IllegalArgumentException("token claim " + name + " must be a non-empty list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof String text)) {
        throw new IllegalArgumentException("token claim " + name + " must hold strings");
      }
      out.add(text);
    }
    return out;
  }

  private static JsonObject header(String token) {
    return new JsonObject(
        new String(
            Base64.getUrlDecoder().decode(token.split("\\.", -1)[0]), StandardCharsets.UTF_8));
  }

  static JsonObject payload(String token) {
    String[] parts = token.split("\\.");
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }
}
