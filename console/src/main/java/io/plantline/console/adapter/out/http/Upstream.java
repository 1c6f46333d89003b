package io.plantline.console.adapter.out.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One service behind the console, asked over HTTP/1.1 with a Bearer token. Each exchange is
 * bounded: connecting by {@code connectTimeout}, the whole exchange by {@code timeout} (then the
 * request is reset), the answer by {@code maxResponseBytes}. Failures are {@link
 * UpstreamException}s: 502 with the reason when the service is down or its answer too large, 504
 * when it did not answer in time.
 */
public final class Upstream {

  /**
   * A service's answer.
   *
   * @param status HTTP status
   * @param contentType its Content-Type, or null
   * @param etag its ETag, or null
   * @param body the body
   */
  public record Response(int status, String contentType, String etag, Buffer body) {
    /** Whether the body is JSON. */
    public boolean json() {
      return contentType != null
          && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }
  }

  private final String name;
  private final String base;
  private final HttpClient client;
  private final Duration connectTimeout;
  private final Duration timeout;
  private final int maxResponseBytes;

  /**
   * @param name the service's name in messages and metrics
   * @param base its base URL (http or https; a path prefix is kept)
   */
  public Upstream(
      String name,
      URI base,
      HttpClient client,
      Duration connectTimeout,
      Duration timeout,
      int maxResponseBytes) {
    this.name = name;
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.client = client;
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** The service's name. */
  public String name() {
    return name;
  }

  /**
   * Sends a request.
   *
   * @param pathAndQuery absolute path with its query, for example {@code
   *     /api/v1/devices?pageSize=5}
   * @param bearer the token to send
   * @param body a JSON body, or null
   */
  public Future<Response> send(HttpMethod method, String pathAndQuery, String bearer, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setAbsoluteURI(base + pathAndQuery)
            .setConnectTimeout(connectTimeout.toMillis())
            .setIdleTimeout(timeout.toMillis())
            .putHeader("Authorization", "Bearer " + bearer)
            .putHeader("Accept", "application/json");
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    return client
        .request(options)
        .compose(
            request -> {
              sent.set(request);
              return (body == null ? request.send() : request.send(body)).compose(this::read);
            })
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(
            e -> {
              HttpClientRequest request = sent.get();
              if (request != null) {
                request.reset();
              }
              return Future.failedFuture(classify(e));
            });
  }

  private Future<Response> read(HttpClientResponse response) {
    String length = response.getHeader("Content-Length");
    if (length != null
        && length.length() < 12
        && Long.parseLong(length.strip()) > maxResponseBytes) {
      return Future.failedFuture(
          new UpstreamException(502, name + " answered more than " + maxResponseBytes + " bytes"));
    }
    Promise<Response> promise = Promise.promise();
    Buffer buffer = Buffer.buffer();
    response.handler(
        chunk -> {
          if (buffer.length() + chunk.length() > maxResponseBytes) {
            promise.tryFail(
                new UpstreamException(
                    502, name + " answered more than " + maxResponseBytes + " bytes"));
            response.request().reset();
          } else {
            buffer.appendBuffer(chunk);
          }
        });
    response.exceptionHandler(promise::tryFail);
    response.endHandler(
        v ->
            promise.tryComplete(
                new Response(
                    response.statusCode(),
                    response.getHeader("Content-Type"),
                    response.getHeader("ETag"),
                    buffer)));
    return promise.future();
  }

  private UpstreamException classify(Throwable e) {
    if (e instanceof UpstreamException u) {
      return u;
    }
    if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
      return new UpstreamException(
          504, name + " did not answer within " + timeout.toMillis() + " ms");
    }
    if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
      return new UpstreamException(502, name + " unavailable: connection refused");
    }
    return new UpstreamException(
        502, name + " unavailable: " + e.getClass().getSimpleName() + " " + e.getMessage());
  }
}
