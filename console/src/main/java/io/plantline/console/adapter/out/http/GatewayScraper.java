package io.plantline.console.adapter.out.http;

import io.plantline.console.domain.GatewayMetricsText;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes the edge gateways' Prometheus {@code /metrics} and summarizes them ({@link
 * GatewayMetricsText}). Each scrape is bounded by a timeout and a size cap; results are reused for
 * {@code cacheFor}, so many viewers cost one scrape per gateway.
 */
public final class GatewayScraper {
  static final int MAX_BYTES = 4 * 1024 * 1024;

  /**
   * A configured gateway.
   *
   * @param name shown to users (host:port of the URL)
   * @param siteId the site it serves, or null when it is shown to every user
   * @param url its metrics URL
   */
  public record Target(String name, String siteId, URI url) {}

  /**
   * One gateway's state.
   *
   * @param target the gateway
   * @param scrapedAt when
   * @param summary the figures, or null when the scrape failed
   * @param error why the scrape failed, or null
   */
  public record Health(
      Target target, Instant scrapedAt, GatewayMetricsText.Summary summary, String error) {}

  private final List<Target> targets;
  private final HttpClient client;
  private final Duration timeout;
  private final Duration cacheFor;
  private Future<List<Health>> last;
  private long lastAt;

  public GatewayScraper(
      List<Target> targets, HttpClient client, Duration timeout, Duration cacheFor) {
    this.targets = List.copyOf(targets);
    this.client = client;
    this.timeout = timeout;
    this.cacheFor = cacheFor;
  }

  /** The configured gateways. */
  public List<Target> targets() {
    return targets;
  }

  /** Every gateway's health (cached for a short while). */
  public synchronized Future<List<Health>> health() {
    long now = System.nanoTime();
    if (last != null && (!last.isComplete() || now - lastAt < cacheFor.toNanos())) {
      return last;
    }
    List<Future<Health>> scrapes = new ArrayList<>();
    targets.forEach(t -> scrapes.add(scrape(t)));
    lastAt = now;
    last = Future.join(scrapes).transform(x -> Future.succeededFuture(collect(scrapes)));
    return last;
  }

  private static List<Health> collect(List<Future<Health>> scrapes) {
    List<Health> out = new ArrayList<>();
    scrapes.forEach(f -> out.add(f.result()));
    return out;
  }

  private Future<Health> scrape(Target target) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(target.url().toString())
            .setConnectTimeout(timeout.toMillis())
            .setIdleTimeout(timeout.toMillis());
    return client
        .request(options)
        .compose(r -> r.send())
        .compose(
            response -> {
              if (response.statusCode() != 200) {
                response.end();
                return Future.failedFuture("answered " + response.statusCode());
              }
              return response.body();
            })
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .map(
            body -> {
              if (body.length() > MAX_BYTES) {
                throw new IllegalStateException("metrics larger than " + MAX_BYTES + " bytes");
              }
              return new Health(
                  target, Instant.now(), GatewayMetricsText.summarize(body.toString()), null);
            })
        .otherwise(
            e ->
                new Health(
                    target,
                    Instant.now(),
                    null,
                    e.getClass().getSimpleName().contains("Timeout")
                        ? "no answer within " + timeout.toMillis() + " ms"
                        : String.valueOf(e.getMessage())));
  }
}
