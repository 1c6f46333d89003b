package io.plantline.testkit.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP client for tests and benches that call the project's servers on loopback.
 *
 * <p>It speaks HTTP/1.1 only: the JDK client's default is to try an h2c upgrade, and against Vert.x
 * servers such an exchange once stayed blocked for more than ten minutes despite its request
 * timeout, holding a CI run. Every exchange here is also bounded from outside ({@link #send} waits
 * at most {@link #EXCHANGE_BOUND} and then cancels), so a stuck server fails a test instead of
 * hanging it.
 */
public final class LoopbackHttp {

  /** The longest a whole exchange may take. */
  public static final Duration EXCHANGE_BOUND = Duration.ofSeconds(30);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private LoopbackHttp() {}

  /** The shared client, for callers that need it directly (for example to stream). */
  public static HttpClient client() {
    return CLIENT;
  }

  /**
   * Sends {@code request} and waits for the response at most {@link #EXCHANGE_BOUND}.
   *
   * @throws HttpTimeoutException when the bound passed; the exchange is cancelled
   * @throws IOException when the exchange failed
   */
  public static <T> HttpResponse<T> send(
      HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<T>> exchange = CLIENT.sendAsync(request, bodyHandler);
    try {
      return exchange.get(EXCHANGE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException(
          request.method() + " " + request.uri() + " took longer than " + EXCHANGE_BOUND);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(request.method() + " " + request.uri() + " failed", e.getCause());
    }
  }

  /** {@link #send} with the body as a string. */
  public static HttpResponse<String> sendForString(HttpRequest request)
      throws IOException, InterruptedException {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }
}
