package io.plantline.console.adapter.in.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts the security headers on every response, whatever handler writes it (including error pages):
 * a Content-Security-Policy that allows only this origin and no inline script or style, {@code
 * nosniff}, {@code DENY} framing, no referrer, same-origin isolation, and {@code Cache-Control:
 * no-store} on the API (the UI files get {@code no-cache}).
 */
final class SecurityHeaders implements Handler<RoutingContext> {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
          + "form-action 'self'; frame-ancestors 'none'";

  @Override
  public void handle(RoutingContext ctx) {
    boolean api = ctx.normalizedPath().startsWith("/api/");
    ctx.addHeadersEndHandler(
        v -> {
          MultiMap h = ctx.response().headers();
          h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
          h.set("X-Content-Type-Options", "nosniff");
          h.set("X-Frame-Options", "DENY");
          h.set("Referrer-Policy", "no-referrer");
          h.set("Cross-Origin-Opener-Policy", "same-origin");
          h.set("Cross-Origin-Resource-Policy", "same-origin");
          h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
          h.set("Cache-Control", api ? "no-store" : "no-cache");
          if (api) {
            h.set("Pragma", "no-cache");
          }
        });
    ctx.next();
  }
}
