package io.plantline.console.fuzz;

import io.plantline.console.adapter.in.http.InvalidTokenException;
import io.plantline.console.adapter.in.http.UserTokens;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.PasswordHash;
import io.plantline.console.domain.Role;
import io.plantline.console.domain.SiteScope;
import io.plantline.console.domain.UserAccount;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Fuzz target: the bearer token of every console request. An input is either a whole token (first
 * byte even) or a splice into a freshly issued operator token of site {@code plant-a} (first byte
 * odd: position, then the replacement text), so the fuzzer works near valid tokens. The check must
 * refuse with {@link InvalidTokenException} or accept; whatever it accepts must be the issued
 * operator of plant-a and nothing more (no forged role, site or subject).
 */
public final class UserTokenFuzzTarget {
  private static final Vertx VERTX = Vertx.vertx();
  private static final UserTokens TOKENS =
      new UserTokens(VERTX, "fuzz-key-0123456789-0123456789-0123456789");
  private static final String ISSUED =
      TOKENS
          .issue(
              new UserAccount(
                  "operator",
                  PasswordHash.create("not-used".toCharArray(), new SecureRandom()),
                  EnumSet.of(Role.OPERATOR),
                  SiteScope.of(List.of("plant-a"))))
          .token();

  private UserTokenFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] input) throws InterruptedException {
    String token;
    if (input.length >= 2 && (input[0] & 1) == 1) {
      int at = (input[1] & 0xff) % (ISSUED.length() + 1);
      String replacement = new String(input, 2, input.length - 2, StandardCharsets.ISO_8859_1);
      int end = Math.min(ISSUED.length(), at + replacement.length());
      token = ISSUED.substring(0, at) + replacement + ISSUED.substring(end);
    } else {
      token = new String(input, StandardCharsets.ISO_8859_1);
    }
    ConsoleUser user;
    try {
      user =
          TOKENS.verify(token).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InvalidTokenException) {
        return;
      }
      throw new IllegalStateException("token check failed with " + e.getCause(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("token check hung", e);
    }
    boolean theIssuedOperator =
        user.username().equals("operator")
            && user.roles().equals(EnumSet.of(Role.OPERATOR))
            && user.sites().equals(SiteScope.of(List.of("plant-a")));
    if (!theIssuedOperator) {
      throw new IllegalStateException("accepted a token for " + user + ": " + token);
    }
  }
}
