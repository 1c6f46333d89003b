package io.plantline.console.adapter.out.http;

import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.DownstreamRoles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Mints the short-lived tokens the console sends to the services on a user's behalf: HS256 with the
 * secret shared with the services, {@code sub} = the user, {@code roles} as {@link DownstreamRoles}
 * maps the user's roles for that service, {@code sites}, {@code iss} {@value #ISSUER}, {@code aud}
 * the service, {@code exp} {@link #LIFETIME} ahead.
 */
public final class DownstreamTokens {
  /** Issuer of minted tokens. */
  public static final String ISSUER = "plantline-console";

  /** Lifetime of a minted token. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);

  /** The console's own identity, for the registry reads it makes for itself. */
  public static final String CONSOLE_SUBJECT = "plantline-console";

  private final JWTAuth auth;

  /**
   * @param secret the shared HS256 secret, at least 32 bytes (surrounding white space is dropped,
   *     as the services do)
   */
  public DownstreamTokens(Vertx vertx, String secret) {
    String key = secret == null ? "" : secret.strip();
    if (key.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new IllegalArgumentException("the service HS256 secret must be at least 32 bytes");
    }
    auth =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key)));
  }

  /** The audience claim of tokens for {@code service}. */
  public static String audience(DownstreamRoles.Service service) {
    return switch (service) {
      case QUERY_API -> "plantline-query-api";
      case SCHEDULING -> "plantline-scheduling";
      case QUALITY -> "plantline-quality";
      case ENERGY -> "plantline-energy";
    };
  }

  /** A token for {@code user} at {@code service}. */
  public String mint(ConsoleUser user, DownstreamRoles.Service service) {
    return mint(
        user.username(),
        DownstreamRoles.of(user.roles(), service),
        List.copyOf(user.sites().sites()),
        service);
  }

  /** A viewer token of the console itself, for the device registry it keeps. */
  public String consoleViewer(DownstreamRoles.Service service) {
    return mint(CONSOLE_SUBJECT, Set.of("viewer"), List.of("*"), service);
  }

  private String mint(
      String subject, Set<String> roles, List<String> sites, DownstreamRoles.Service service) {
    return auth.generateToken(
        new JsonObject()
            .put("sub", subject)
            .put("roles", new JsonArray(List.copyOf(roles)))
            .put("sites", new JsonArray(sites)),
        new JWTOptions()
            .setAlgorithm("HS256")
            .setIssuer(ISSUER)
            .setAudience(List.of(audience(service)))
            .setExpiresInSeconds((int) LIFETIME.toSeconds()));
  }
}
