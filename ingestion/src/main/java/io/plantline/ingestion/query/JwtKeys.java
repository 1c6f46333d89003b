package io.plantline.ingestion.query;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;

/**
 * The HS256 key that signs and verifies API tokens. The secret comes from a file or an environment
 * variable, never from the command line, and is at least {@link #MIN_BYTES} bytes long.
 */
public final class JwtKeys {
  /** How far the clocks of the token's issuer and of this service may disagree, seconds. */
  public static final int CLOCK_SKEW_SECONDS = 30;

  /** Shortest accepted secret (256 bits, the HS256 key size). */
  public static final int MIN_BYTES = 32;

  private final String secret;

  private JwtKeys(String secret) {
    this.secret = secret;
  }

  /**
   * Keys from a shared secret.
   *
   * @throws IllegalArgumentException if the secret is shorter than {@link #MIN_BYTES} bytes
   */
  public static JwtKeys hs256(String secret) {
    String trimmed = secret == null ? "" : secret.strip();
    if (trimmed.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "the HS256 secret must be at least " + MIN_BYTES + " bytes");
    }
    return new JwtKeys(trimmed);
  }

  /** A provider that verifies (and can issue) HS256 tokens. */
  public JWTAuth provider(Vertx vertx) {
    return JWTAuth.create(
        vertx,
        new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
            // tokens come from the console on another host: its clock may be a little ahead
            .setJWTOptions(new JWTOptions().setLeeway(CLOCK_SKEW_SECONDS)));
  }

  /** Issues a token carrying {@code claims}, valid for {@code seconds} (for tools and tests). */
  public String issue(Vertx vertx, JsonObject claims, int seconds) {
    return provider(vertx)
        .generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(seconds));
  }

  @Override
  public String toString() {
    return "JwtKeys[HS256, ****]";
  }
}
