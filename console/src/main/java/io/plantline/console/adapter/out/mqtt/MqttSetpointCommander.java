package io.plantline.console.adapter.out.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.console.domain.SetpointCommander;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointResult;
import io.plantline.contracts.topic.MqttTopic;
import io.plantline.ingestion.cli.MqttLogin;
import io.plantline.ingestion.cli.ReconnectBackoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console as an MQTT commander: publishes {@link SetpointCommand}s at QoS 1 on {@code
 * plantline/v1/{site}/{area}/{deviceId}/command} and matches the gateways' {@link SetpointResult}s
 * on {@code .../command-result} to the commands waiting for them. It subscribes to a site's results
 * ({@code plantline/v1/{site}/+/+/command-result}, exactly what the broker's access list grants a
 * commander of that site) before its first command to the site. Connects over TLS with its own
 * broker user, reconnects with backoff; a clean session, so a command sent before a reconnect waits
 * in vain and its caller's bound ends the wait.
 */
public final class MqttSetpointCommander implements SetpointCommander {
  private static final Logger LOG = LoggerFactory.getLogger(MqttSetpointCommander.class);
  private static final int MAX_RESULT_BYTES = 64 * 1024;

  /**
   * How to reach the broker.
   *
   * @param login the console's broker login (a commander in the broker's access list)
   * @param clientId the MQTT client id
   */
  public record Settings(MqttLogin login, String clientId) {
    /** Checks presence. */
    public Settings {
      Objects.requireNonNull(login, "login");
      Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public String toString() {
      return login.toString();
    }
  }

  private final Vertx vertx;
  private final Settings settings;
  private final Map<UUID, CompletableFuture<SetpointResult>> waiting = new ConcurrentHashMap<>();
  // Per connection: the sites whose results are subscribed (or being subscribed).
  private final Map<String, Future<Void>> subscribedSites = new ConcurrentHashMap<>();
  private volatile MqttClient client;
  private volatile boolean connected;
  private volatile boolean stopping;
  private final ReconnectBackoff backoff =
      new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(15));

  private MqttSetpointCommander(Vertx vertx, Settings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  /** Starts connecting (in the background, retrying); returns at once. */
  public static MqttSetpointCommander start(Vertx vertx, Settings settings) {
    MqttSetpointCommander commander = new MqttSetpointCommander(vertx, settings);
    vertx.runOnContext(v -> commander.connect());
    return commander;
  }

  /** Whether the broker connection is up. */
  public boolean connected() {
    return connected;
  }

  /** Commands waiting for their result. */
  public int waiting() {
    return waiting.size();
  }

  @Override
  public CompletionStage<SetpointResult> send(
      SetpointCommand command, String siteId, String areaId) {
    MqttClient connection = client;
    if (!connected || connection == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("not connected to the MQTT broker " + settings));
    }
    CompletableFuture<SetpointResult> result = new CompletableFuture<>();
    waiting.put(command.commandId(), result);
    String topic = MqttTopic.command(siteId, areaId, command.deviceId()).value();
    Buffer payload = Buffer.buffer(Codecs.SETPOINT_COMMAND.encode(command));
    Promise<Void> published = Promise.promise();
    vertx.runOnContext(
        v ->
            subscribeSite(connection, siteId)
                .compose(
                    s -> connection.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, false))
                .<Void>mapEmpty()
                .onComplete(published));
    published
        .future()
        .onFailure(
            e -> {
              waiting.remove(command.commandId());
              result.completeExceptionally(
                  new IllegalStateException("the command was not published: " + e.getMessage()));
            });
    return result;
  }

  @Override
  public void forget(SetpointCommand command) {
    waiting.remove(command.commandId());
  }

  private Future<Void> subscribeSite(MqttClient connection, String siteId) {
    return subscribedSites.computeIfAbsent(
        siteId,
        site -> {
          String filter = MqttTopic.filter(MqttTopic.Kind.COMMAND_RESULT, site);
          Promise<Void> done = Promise.promise();
          connection
              .subscribe(filter, MqttQoS.AT_LEAST_ONCE.value())
              .onSuccess(id -> done.complete())
              .onFailure(
                  e -> {
                    subscribedSites.remove(site);
                    done.fail(e);
                  });
          return done.future();
        });
  }

  private void connect() {
    if (stopping) {
      return;
    }
    MqttClientOptions options =
        settings
            .login()
            .clientOptions(settings.clientId())
            .setCleanSession(true)
            .setMaxMessageSize(MAX_RESULT_BYTES);
    MqttClient connection = MqttClient.create(vertx, options);
    client = connection;
    subscribedSites.clear();
    connection.publishHandler(this::onResult);
    connection.subscribeCompletionHandler(
        ack -> {
          if (ack.grantedQoSLevels().contains(0x80)) {
            LOG.error(
                "the broker refused a command-result subscription of {}: check its access list",
                settings.login().username());
          }
        });
    connection.closeHandler(v -> onClosed(connection));
    connection
        .connect(settings.login().endpoint().port(), settings.login().endpoint().host())
        .onSuccess(
            ack -> {
              connected = true;
              backoff.reset();
              LOG.info("setpoint commander connected to {}", settings);
            })
        .onFailure(
            e -> {
              LOG.warn("setpoint commander cannot connect to {}: {}", settings, e.getMessage());
              scheduleReconnect();
            });
  }

  private void onClosed(MqttClient connection) {
    if (connection != client) {
      return;
    }
    if (connected && !stopping) {
      LOG.warn("setpoint commander lost its connection to {}", settings);
    }
    connected = false;
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (stopping) {
      return;
    }
    vertx.setTimer(backoff.nextDelayMillis(), id -> connect());
  }

  private void onResult(MqttPublishMessage message) {
    SetpointResult result;
    try {
      result = Codecs.SETPOINT_RESULT.decode(message.payload().getBytes());
    } catch (ContractViolationException e) {
      LOG.warn("malformed setpoint result on {} ignored: {}", message.topicName(), e.getMessage());
      return;
    }
    CompletableFuture<SetpointResult> caller = waiting.remove(result.commandId());
    if (caller != null) {
      caller.complete(result);
    }
  }

  /** Disconnects; commands still waiting fail. */
  public Future<Void> close() {
    stopping = true;
    waiting.forEach(
        (id, caller) ->
            caller.completeExceptionally(new IllegalStateException("the console is stopping")));
    waiting.clear();
    MqttClient connection = client;
    return connection != null && connection.isConnected()
        ? connection.disconnect()
        : Future.succeededFuture();
  }
}
