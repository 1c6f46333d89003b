package io.plantline.console.adapter.in.http;

import io.plantline.console.domain.AlarmBook;
import io.plantline.console.domain.AlarmCommandSink;
import io.plantline.console.domain.AlarmCommands;
import io.plantline.console.domain.AlarmView;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.Permission;
import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.alarm.AlarmState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The alarms the console keeps from {@code alarms.v1}, and operators' commands on them.
 *
 * <ul>
 *   <li>{@code GET /api/v1/alarms?state=RAISED,ACKNOWLEDGED&site=&deviceId=&limit=}: the user's
 *       sites only (a {@code site} outside them is a 403); most severe, then newest first
 *   <li>{@code GET /api/v1/alarms/{alarmId}}
 *   <li>{@code POST /api/v1/alarms/{alarmId}/acknowledge} {@code {"note"}}, {@code .../shelve}
 *       {@code {"durationMinutes", "reason"}}, {@code .../unshelve}: operator or admin; 202 with
 *       the command once Kafka has it, 404 unknown alarm, 403 other site, 409 when the alarm's
 *       state does not allow it, 400 bad duration, 503 when Kafka does not take it in time
 * </ul>
 */
final class AlarmRoutes {
  static final int MAX_LIST = 1000;
  private static final Duration SEND_BOUND = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final AlarmBook alarms;
  private final AlarmCommandSink sink;
  private final Clock clock;

  AlarmRoutes(Vertx vertx, AlarmBook alarms, AlarmCommandSink sink, Clock clock) {
    this.vertx = vertx;
    this.alarms = alarms;
    this.sink = sink;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/v1/alarms").handler(this::list);
    router.get("/api/v1/alarms/:alarmId").handler(this::get);
    router
        .post("/api/v1/alarms/:alarmId/acknowledge")
        .handler(ctx -> command(ctx, AlarmAction.ACKNOWLEDGE));
    router.post("/api/v1/alarms/:alarmId/shelve").handler(ctx -> command(ctx, AlarmAction.SHELVE));
    router
        .post("/api/v1/alarms/:alarmId/unshelve")
        .handler(ctx -> command(ctx, AlarmAction.UNSHELVE));
  }

  private void list(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user == null) {
      return;
    }
    Set<AlarmState> states;
    int limit;
    try {
      states = states(ctx.request().getParam("state"));
      limit = limit(ctx.request().getParam("limit"));
    } catch (IllegalArgumentException e) {
      ApiErrors.error(ctx, 400, e.getMessage());
      return;
    }
    String site = ctx.request().getParam("site");
    if (site != null && !Authentication.requireSite(ctx, user, site)) {
      return;
    }
    String device = ctx.request().getParam("deviceId");
    Predicate<AlarmView> filter =
        a ->
            user.sites().includes(a.siteId())
                && states.contains(a.state())
                && (site == null || site.equals(a.siteId()))
                && (device == null || device.equals(a.deviceId()));
    JsonArray items = new JsonArray();
    alarms.list(filter, limit).forEach(a -> items.add(AlarmJson.alarm(a)));
    ApiErrors.json(ctx, 200, new JsonObject().put("alarms", items));
  }

  private void get(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user == null) {
      return;
    }
    AlarmView alarm = known(ctx, user);
    if (alarm != null) {
      ApiErrors.json(ctx, 200, AlarmJson.alarm(alarm));
    }
  }

  private void command(RoutingContext ctx, AlarmAction action) {
    ConsoleUser user = Authentication.require(ctx, Permission.COMMAND_ALARMS);
    if (user == null) {
      return;
    }
    JsonObject body = optionalBody(ctx);
    if (body == null) {
      return;
    }
    AlarmView alarm = known(ctx, user);
    if (alarm == null) {
      return;
    }
    AlarmCommand command;
    try {
      Duration shelf =
          action == AlarmAction.SHELVE ? minutes(body.getValue("durationMinutes")) : null;
      Object note = body.getValue(action == AlarmAction.SHELVE ? "reason" : "note");
      if (note != null && !(note instanceof String)) {
        throw new IllegalArgumentException("note and reason must be text");
      }
      command =
          AlarmCommands.decide(
              alarm,
              action,
              user.username(),
              shelf,
              (String) note,
              clock.instant(),
              UUID.randomUUID());
    } catch (AlarmCommands.Refused e) {
      ApiErrors.error(ctx, 409, e.getMessage());
      return;
    } catch (IllegalArgumentException e) { // includes ContractViolationException
      ApiErrors.error(ctx, 400, e.getMessage());
      return;
    }
    Future.fromCompletionStage(sink.send(command), vertx.getOrCreateContext())
        .timeout(SEND_BOUND.toMillis(), TimeUnit.MILLISECONDS)
        .onSuccess(
            v -> {
              JsonObject json =
                  new JsonObject()
                      .put("commandId", command.commandId().toString())
                      .put("action", command.action().name())
                      .put("alarmId", command.alarmId())
                      .put("deviceId", command.deviceId())
                      .put("operatorId", command.operatorId())
                      .put("issuedAt", command.issuedAt().toString());
              if (command.shelvedUntil() != null) {
                json.put("shelvedUntil", command.shelvedUntil().toString());
              }
              ApiErrors.json(ctx, 202, json);
            })
        .onFailure(
            e ->
                ApiErrors.error(
                    ctx, 503, "the alarm command could not be stored: " + e.getMessage()));
  }

  private AlarmView known(RoutingContext ctx, ConsoleUser user) {
    String id = ctx.pathParam("alarmId");
    AlarmView alarm = alarms.get(id).orElse(null);
    if (alarm == null) {
      ApiErrors.error(ctx, 404, "unknown alarm " + id);
      return null;
    }
    return Authentication.requireSite(ctx, user, alarm.siteId()) ? alarm : null;
  }

  private static JsonObject optionalBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      return new JsonObject();
    }
    return ProxyRoutes.jsonBody(ctx);
  }

  private static Duration minutes(Object value) {
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException("durationMinutes must be a whole number of minutes");
    }
    return Duration.ofMinutes(n.longValue());
  }

  static Set<AlarmState> states(String text) {
    if (text == null || text.isBlank()) {
      return EnumSet.allOf(AlarmState.class);
    }
    Set<AlarmState> states = EnumSet.noneOf(AlarmState.class);
    for (String s : text.split(",")) {
      try {
        states.add(AlarmState.valueOf(s.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "state must be a comma-separated list of " + EnumSet.allOf(AlarmState.class));
      }
    }
    return states;
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return 500;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1 && n <= MAX_LIST) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("limit must be 1.." + MAX_LIST);
  }
}
