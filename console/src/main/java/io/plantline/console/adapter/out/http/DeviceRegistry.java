package io.plantline.console.adapter.out.http;

import io.plantline.console.domain.DeviceDirectory;
import io.plantline.console.domain.DownstreamRoles;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The device registry of the query API as the console needs it: which site a device is in (to
 * authorize device routes) and the list of devices (for the overview). Reads every page of {@code
 * GET /api/v1/devices} with the console's own viewer token, at most once per {@code minInterval}
 * and one read at a time; a device not in the {@link DeviceDirectory} triggers a read.
 */
public final class DeviceRegistry {
  static final int PAGE_SIZE = 100;
  static final int MAX_PAGES = 50;

  private final Upstream queryApi;
  private final DownstreamTokens tokens;
  private final DeviceDirectory directory;
  private final Duration minInterval;
  private final LongSupplier nanoTime;
  private Future<List<JsonObject>> inFlight;
  private List<JsonObject> devices = List.of();
  private long readAt;
  private boolean read;

  public DeviceRegistry(
      Upstream queryApi,
      DownstreamTokens tokens,
      DeviceDirectory directory,
      Duration minInterval,
      LongSupplier nanoTime) {
    this.queryApi = queryApi;
    this.tokens = tokens;
    this.directory = directory;
    this.minInterval = minInterval;
    this.nanoTime = nanoTime;
  }

  /** Where the device is: from the directory, else after a fresh read of the registry. */
  public Future<Optional<DeviceDirectory.Place>> place(String deviceId) {
    Optional<DeviceDirectory.Place> known = directory.get(deviceId);
    if (known.isPresent()) {
      return Future.succeededFuture(known);
    }
    return devices().map(list -> directory.get(deviceId));
  }

  /**
   * The registry's devices (JSON as the query API gives them), read again when older than the
   * minimum interval (so unknown device ids cannot make the console read the registry more often).
   */
  public synchronized Future<List<JsonObject>> devices() {
    long now = nanoTime.getAsLong();
    boolean fresh = read && now - readAt < minInterval.toNanos();
    if (inFlight != null) {
      return inFlight;
    }
    if (fresh) {
      return Future.succeededFuture(devices);
    }
    Promise<List<JsonObject>> promise = Promise.promise();
    inFlight = promise.future();
    readPages(null, 0, new ArrayList<>())
        .onComplete(
            r -> {
              synchronized (this) {
                inFlight = null;
                if (r.succeeded()) {
                  devices = List.copyOf(r.result());
                  readAt = nanoTime.getAsLong();
                  read = true;
                }
              }
              promise.handle(r.map(x -> devices));
            });
    return promise.future();
  }

  /** Remembers the places of devices listed in a registry page that passed through the console. */
  public void learn(JsonArray page) {
    for (Object o : page) {
      if (o instanceof JsonObject d) {
        directory.put(d.getString("deviceId"), d.getString("siteId"), d.getString("areaId"));
      }
    }
  }

  private Future<List<JsonObject>> readPages(String pageToken, int pages, List<JsonObject> acc) {
    String path =
        "/api/v1/devices?pageSize="
            + PAGE_SIZE
            + (pageToken == null
                ? ""
                : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
    return queryApi
        .send(HttpMethod.GET, path, tokens.consoleViewer(DownstreamRoles.Service.QUERY_API), null)
        .compose(
            response -> {
              if (response.status() != 200 || !response.json()) {
                return Future.failedFuture(
                    new UpstreamException(
                        502, queryApi.name() + " registry answered " + response.status()));
              }
              JsonObject body = response.body().toJsonObject();
              JsonArray list = body.getJsonArray("devices", new JsonArray());
              learn(list);
              list.forEach(o -> acc.add((JsonObject) o));
              String next = body.getString("nextPageToken");
              if (next == null || pages + 1 >= MAX_PAGES) {
                return Future.succeededFuture(acc);
              }
              return readPages(next, pages + 1, acc);
            });
  }
}
