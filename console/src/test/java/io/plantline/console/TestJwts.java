package io.plantline.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds JWTs by hand (JDK HMAC, no JWT library), so the tests can present tokens the console must
 * refuse: unsigned, {@code alg: none}, expired, for another audience, signed with another key.
 */
public final class TestJwts {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private TestJwts() {}

  /** Claims of a console token for {@code sub}, valid until {@code exp}. */
  public static JsonObject claims(String sub, List<String> roles, List<String> sites, Instant exp) {
    return new JsonObject()
        .put("sub", sub)
        .put("roles", new JsonArray(roles))
        .put("sites", new JsonArray(sites))
        .put("iss", "plantline-console")
        .put("aud", "plantline-console")
        .put("iat", Instant.now().getEpochSecond())
        .put("exp", exp.getEpochSecond())
        .put("sid", "test-session")
        .put("auth_time", Instant.now().getEpochSecond());
  }

  /** An HS256 token of {@code claims} signed with {@code secret}. */
  public static String hs256(String secret, JsonObject claims) {
    return signed(secret, new JsonObject().put("alg", "HS256").put("typ", "JWT"), claims);
  }

  /** A token with {@code header} and {@code claims}, HMAC-SHA256-signed with {@code secret}. */
  public static String signed(String secret, JsonObject header, JsonObject claims) {
    String input = encode(header) + "." + encode(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned token: header {@code alg: none}, empty signature. */
  public static String algNone(JsonObject claims) {
    return encode(new JsonObject().put("alg", "none").put("typ", "JWT"))
        + "."
        + encode(claims)
        + ".";
  }

  /** The claims of a token, unverified. */
  public static JsonObject payload(String token) {
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  /** The header of a token, unverified. */
  public static JsonObject header(String token) {
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
