package io.plantline.console.it;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Headless Chromium (the Debian package) driven over the DevTools protocol from Java: started with
 * {@code --remote-debugging-port=0} and its own profile directory, reached through the port it
 * writes to {@code DevToolsActivePort}, spoken to with the Vert.x WebSocket client. {@link #close}
 * stops the browser by its PID (and the child processes it started), then deletes the profile. Host
 * resolution is limited to loopback, so the page cannot reach anything else.
 */
final class Chromium implements AutoCloseable {
  private final Process process;
  private final Path profile;
  private final Vertx vertx = Vertx.vertx();
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();

  /** The browser binary: Debian's, unwrapped if possible. */
  static Optional<Path> binary() {
    for (String candidate : List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium")) {
      Path p = Path.of(candidate);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  Chromium(Path binary, Path log) throws Exception {
    profile = Files.createTempDirectory("console-chromium-");
    process =
        new ProcessBuilder(
                binary.toString(),
                "--headless=new",
                "--no-sandbox",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-sync",
                "--disable-domain-reliability",
                "--no-pings",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--window-size=1400,1000",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      WebSocket connected = null;
      Exception last = null;
      while (connected == null) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "chromium exited with " + process.exitValue() + "; see " + log);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no DevTools connection in 60 s; see " + log, last);
        }
        List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
        // the file may be read while it is written: wait for a whole browser target path
        if (lines.size() >= 2 && lines.get(1).strip().matches("/devtools/browser/[0-9a-f-]{36}")) {
          try {
            connected =
                vertx
                    .createWebSocketClient(
                        new WebSocketClientOptions()
                            .setMaxFrameSize(64 * 1024 * 1024)
                            .setMaxMessageSize(64 * 1024 * 1024))
                    .connect(
                        new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(Integer.parseInt(lines.get(0).strip()))
                            .setURI(lines.get(1).strip())
                            .setAllowOriginHeader(false))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            last = e; // the browser may not accept connections yet
          }
        }
        if (connected == null) {
          Thread.sleep(200);
        }
      }
      socket = connected;
      socket.textMessageHandler(this::receive);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void receive(String text) {
    JsonObject message = new JsonObject(text);
    Long id = message.getLong("id");
    if (id == null) {
      events.add(message);
      return;
    }
    Promise<JsonObject> promise = pending.remove(id);
    if (promise == null) {
      return;
    }
    if (message.containsKey("error")) {
      promise.fail(new IllegalStateException("DevTools error: " + message.getJsonObject("error")));
    } else {
      promise.complete(message.getJsonObject("result", new JsonObject()));
    }
  }

  /** Sends a DevTools command (to a page session when {@code sessionId} is given). */
  JsonObject call(String sessionId, String method, JsonObject params) throws Exception {
    long id = ids.incrementAndGet();
    Promise<JsonObject> promise = Promise.promise();
    pending.put(id, promise);
    JsonObject message = new JsonObject().put("id", id).put("method", method).put("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    socket.writeTextMessage(message.encode());
    Future<JsonObject> f = promise.future();
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      List<JsonObject> recent = events.subList(Math.max(0, events.size() - 8), events.size());
      throw new IllegalStateException(
          "no answer to "
              + method
              + " "
              + params.encode()
              + " in 30 s (browser alive: "
              + process.isAlive()
              + "); last events: "
              + recent,
          e);
    }
  }

  /** Events received so far (console messages, exceptions, log entries). */
  List<JsonObject> events() {
    return List.copyOf(events);
  }

  /** A new page (tab) attached with a flat session. */
  Page newPage(int width, int height) throws Exception {
    String target =
        call(null, "Target.createTarget", new JsonObject().put("url", "about:blank"))
            .getString("targetId");
    String session =
        call(
                null,
                "Target.attachToTarget",
                new JsonObject().put("targetId", target).put("flatten", true))
            .getString("sessionId");
    Page page = new Page(this, session);
    call(session, "Page.enable", new JsonObject());
    call(session, "Runtime.enable", new JsonObject());
    call(session, "Log.enable", new JsonObject());
    call(
        session,
        "Emulation.setDeviceMetricsOverride",
        new JsonObject()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
    return page;
  }

  /** One tab. */
  static final class Page {
    private final Chromium browser;
    private final String session;

    Page(Chromium browser, String session) {
      this.browser = browser;
      this.session = session;
    }

    void navigate(String url) throws Exception {
      browser.call(session, "Page.navigate", new JsonObject().put("url", url));
    }

    /** Evaluates an expression (promises awaited); returns its value. */
    Object eval(String expression) throws Exception {
      JsonObject r =
          browser.call(
              session,
              "Runtime.evaluate",
              new JsonObject()
                  .put("expression", expression)
                  .put("awaitPromise", true)
                  .put("returnByValue", true));
      if (r.containsKey("exceptionDetails")) {
        throw new IllegalStateException(
            "page threw: " + r.getJsonObject("exceptionDetails").encode());
      }
      return r.getJsonObject("result").getValue("value");
    }

    /** Polls {@code predicate} (a JS expression) until it is truthy, at most {@code timeout}. */
    void await(String what, String predicate, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (Boolean.TRUE.equals(eval("!!(" + predicate + ")"))) {
          return;
        }
        Thread.sleep(100);
      }
      throw new AssertionError(
          "page: "
              + what
              + " not seen within "
              + timeout
              + "; body: "
              + eval("document.body.innerText"));
    }

    /** Saves a PNG screenshot of the page. */
    void screenshot(Path file) throws Exception {
      String data =
          browser
              .call(session, "Page.captureScreenshot", new JsonObject().put("format", "png"))
              .getString("data");
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, java.util.Base64.getDecoder().decode(data));
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.close();
    }
    vertx.close();
    List<ProcessHandle> children = new ArrayList<>();
    process.toHandle().descendants().forEach(children::add);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort; the directory is under the system temp dir
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  Path profile() {
    return profile;
  }
}
