package io.plantline.console.it;

import io.plantline.testkit.http.LoopbackHttp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads a server-sent-events stream on its own thread, keeping each event. */
public final class SseClient implements AutoCloseable {
  /** One event. */
  public record Event(String type, JsonObject data) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private final Thread reader;
  private volatile int status;

  public SseClient(String url) throws Exception {
    response =
        LoopbackHttp.client()
            .sendAsync(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> r = response.get(10, java.util.concurrent.TimeUnit.SECONDS);
    status = r.statusCode();
    reader =
        new Thread(
            () -> {
              String type = "message";
              List<String> data = new ArrayList<>();
              try (Stream<String> lines = r.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                  if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                      events.add(new Event(type, new JsonObject(String.join("\n", data))));
                    }
                    type = "message";
                    data.clear();
                  } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                  } else if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                  }
                }
              } catch (RuntimeException e) {
                // stream closed
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public int status() {
    return status;
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  /** The first event matching {@code match}, waiting at most {@code timeout}. */
  public Event await(Predicate<Event> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Event e : events) {
        if (match.test(e)) {
          return e;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no matching event within " + timeout + "; got " + events);
  }

  @Override
  public void close() {
    response.thenAccept(r -> r.body().close());
    response.cancel(true);
    reader.interrupt();
  }
}
