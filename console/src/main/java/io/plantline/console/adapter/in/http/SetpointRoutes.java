package io.plantline.console.adapter.in.http;

import io.plantline.console.adapter.out.http.DeviceRegistry;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.Permission;
import io.plantline.console.domain.SetpointCommander;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Operators' writes to a device: {@code POST /api/v1/devices/{deviceId}/setpoints} {@code {"point",
 * "value", "expiresInSeconds"}} (expiry 5..300 s, default 30). Needs {@link
 * Permission#WRITE_SETPOINTS} (operator or admin) on the device's site. The console publishes a
 * {@link SetpointCommand} to the device's gateway, which checks the point, its access and its write
 * limits against the device's register map, and waits for the gateway's answer until the command
 * has expired (plus a few seconds for a write that started just before):
 *
 * <ul>
 *   <li>200 APPLIED: the device acknowledged the write
 *   <li>422 REJECTED: unknown or read-only point, a value outside the register map's limits
 *   <li>409 EXPIRED: the command reached the gateway after its expiry and was not applied
 *   <li>502 FAILED: the device refused the write (Modbus exception) or did not answer
 *   <li>504: no answer before the command expired; after its expiry the gateway no longer applies
 *       it
 *   <li>503: the console has no MQTT commander, or is not connected to the broker
 * </ul>
 *
 * Every answer carries the command id; the audit log records the point, value and outcome.
 */
final class SetpointRoutes {
  static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(30);
  static final Duration MIN_EXPIRY = Duration.ofSeconds(5);
  static final Duration MAX_EXPIRY = Duration.ofMinutes(5);

  /** How long after the expiry an answer is still awaited (a write started just before it). */
  static final Duration GRACE = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final SetpointCommander commander;
  private final DeviceRegistry registry;
  private final Clock clock;

  SetpointRoutes(Vertx vertx, SetpointCommander commander, DeviceRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.commander = commander;
    this.registry = registry;
    this.clock = clock;
  }

  void mount(Router router) {
    router.post("/api/v1/devices/:deviceId/setpoints").handler(this::write);
  }

  private void write(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.WRITE_SETPOINTS);
    if (user == null) {
      return;
    }
    JsonObject body = ProxyRoutes.jsonBody(ctx);
    if (body == null) {
      return;
    }
    String deviceId = ctx.pathParam("deviceId");
    Instant now = clock.instant();
    SetpointCommand command;
    try {
      if (!(body.getValue("point") instanceof String point)) {
        throw new IllegalArgumentException("point must be the name of a writable point");
      }
      if (!(body.getValue("value") instanceof Number value)) {
        throw new IllegalArgumentException("value must be a number");
      }
      command =
          new SetpointCommand(
              UUID.randomUUID(),
              SetpointCommand.SCHEMA_VERSION,
              deviceId,
              point,
              value.doubleValue(),
              user.username(),
              now,
              now.plus(expiry(body.getValue("expiresInSeconds"))));
    } catch (IllegalArgumentException e) { // includes ContractViolationException
      ApiErrors.error(ctx, 400, e.getMessage());
      return;
    }
    if (commander == null) {
      ApiErrors.error(ctx, 503, "this console sends no setpoints: it has no MQTT commander");
      return;
    }
    registry
        .place(deviceId)
        .onFailure(e -> ApiErrors.error(ctx, 502, "device registry: " + e.getMessage()))
        .onSuccess(
            place -> {
              if (place.isEmpty()) {
                ApiErrors.error(ctx, 404, "unknown device " + deviceId);
              } else if (Authentication.requireSite(ctx, user, place.get().siteId())) {
                send(ctx, command, place.get().siteId(), place.get().areaId());
              }
            });
  }

  private void send(RoutingContext ctx, SetpointCommand command, String siteId, String areaId) {
    long waitMillis =
        Math.max(1, Duration.between(clock.instant(), command.expiresAt()).plus(GRACE).toMillis());
    AuditRoutes.detail(
        ctx, command.point() + " = " + command.value() + ", command " + command.commandId());
    Future.fromCompletionStage(commander.send(command, siteId, areaId), vertx.getOrCreateContext())
        .timeout(waitMillis, TimeUnit.MILLISECONDS)
        .onSuccess(result -> answer(ctx, command, result))
        .onFailure(
            e -> {
              commander.forget(command);
              if (e instanceof TimeoutException) {
                AuditRoutes.detail(ctx, describe(command, "NO ANSWER"));
                ApiErrors.json(
                    ctx,
                    504,
                    json(command)
                        .put(
                            "error",
                            "no answer from the device's gateway; the command expired at "
                                + command.expiresAt()
                                + " and is no longer applied"));
              } else {
                AuditRoutes.detail(ctx, describe(command, "NOT SENT"));
                ApiErrors.json(ctx, 503, json(command).put("error", "not sent: " + e.getMessage()));
              }
            });
  }

  private static void answer(RoutingContext ctx, SetpointCommand command, SetpointResult result) {
    AuditRoutes.detail(ctx, describe(command, result.outcome().name()));
    JsonObject json =
        json(command)
            .put("outcome", result.outcome().name())
            .put("completedAt", result.completedAt().toString());
    if (result.reason() != null) {
      json.put("error", result.reason());
    }
    int status =
        switch (result.outcome()) {
          case APPLIED -> 200;
          case REJECTED -> 422;
          case EXPIRED -> 409;
          case FAILED -> 502;
        };
    ApiErrors.json(ctx, status, json);
  }

  private static String describe(SetpointCommand command, String outcome) {
    return command.point()
        + " = "
        + command.value()
        + " -> "
        + outcome
        + ", command "
        + command.commandId();
  }

  private static JsonObject json(SetpointCommand command) {
    return new JsonObject()
        .put("commandId", command.commandId().toString())
        .put("deviceId", command.deviceId())
        .put("point", command.point())
        .put("value", command.value())
        .put("operatorId", command.operatorId())
        .put("issuedAt", command.issuedAt().toString())
        .put("expiresAt", command.expiresAt().toString());
  }

  static Duration expiry(Object value) {
    if (value == null) {
      return DEFAULT_EXPIRY;
    }
    if (!(value instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() < MIN_EXPIRY.toSeconds()
        || n.longValue() > MAX_EXPIRY.toSeconds()) {
      throw new IllegalArgumentException(
          "expiresInSeconds must be a whole number of seconds, "
              + MIN_EXPIRY.toSeconds()
              + ".."
              + MAX_EXPIRY.toSeconds());
    }
    return Duration.ofSeconds(n.longValue());
  }
}
