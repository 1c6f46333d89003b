package io.plantline.console.adapter.in.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON answers of the console API: {@code {"error": "..."}} with the status. */
final class ApiErrors {
  private ApiErrors() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("error", message));
  }

  static void unauthorized(RoutingContext ctx, String message) {
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    error(ctx, 401, message);
  }

  static void forbidden(RoutingContext ctx, String message) {
    error(ctx, 403, message);
  }

  static void tooManyRequests(RoutingContext ctx, long waitNanos, String message) {
    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
    }
    json(ctx, 429, new JsonObject().put("error", message).put("retryAfterSeconds", seconds));
  }
}
