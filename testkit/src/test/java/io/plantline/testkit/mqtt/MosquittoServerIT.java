package io.plantline.testkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServersExtension.class)
class MosquittoServerIT {
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  @Test
  void shouldRouteAQos1MessageFromPublisherToSubscriber(MosquittoServer mqtt) throws Exception {
    MqttClient subscriber =
        connected(mqtt, plainOptions(mqtt, mqtt.clientCredentials().password()));
    MqttClient publisher = connected(mqtt, plainOptions(mqtt, mqtt.clientCredentials().password()));
    CompletableFuture<MqttPublishMessage> received = new CompletableFuture<>();
    subscriber.publishHandler(received::complete);
    String topic = "plantline/v1/site-1/area-1/press-7/telemetry";
    await(subscriber.subscribe(topic, MqttQoS.AT_LEAST_ONCE.value()));

    await(
        publisher.publish(
            topic, Buffer.buffer("{\"seq\":1}"), MqttQoS.AT_LEAST_ONCE, false, false));

    MqttPublishMessage message = received.get(10, TimeUnit.SECONDS);
    assertThat(message.topicName()).isEqualTo(topic);
    assertThat(message.payload().toString()).isEqualTo("{\"seq\":1}");
    assertThat(message.qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
    await(subscriber.disconnect());
    await(publisher.disconnect());
  }

  @Test
  void shouldAcceptTlsClientsThatTrustTheGeneratedCa(MosquittoServer mqtt) throws Exception {
    MqttClientOptions options =
        plainOptions(mqtt, mqtt.clientCredentials().password())
            .setSsl(true)
            .setTrustOptions(
                new PemTrustOptions().addCertPath(mqtt.caCertificate().orElseThrow().toString()));
    MqttClient client = MqttClient.create(vertx, options);
    await(client.connect(mqtt.tlsPort().orElseThrow(), mqtt.host()));
    assertThat(client.isConnected()).isTrue();
    await(client.disconnect());
  }

  @Test
  void shouldRefuseTlsClientsThatDoNotTrustTheCa(MosquittoServer mqtt) {
    MqttClientOptions options =
        plainOptions(mqtt, mqtt.clientCredentials().password()).setSsl(true);
    MqttClient client = MqttClient.create(vertx, options);
    assertThatThrownBy(() -> await(client.connect(mqtt.tlsPort().orElseThrow(), mqtt.host())))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void shouldRefuseAWrongPassword(MosquittoServer mqtt) {
    MqttClient client = MqttClient.create(vertx, plainOptions(mqtt, "not-the-password"));
    assertThatThrownBy(() -> await(client.connect(mqtt.port(), mqtt.host())))
        .cause()
        .isInstanceOfSatisfying(
            MqttConnectionException.class,
            e ->
                assertThat(e.code())
                    .isIn(
                        MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                        MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD));
  }

  @Test
  void shouldRefuseAnonymousClients(MosquittoServer mqtt) {
    MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("anonymous"));
    assertThatThrownBy(() -> await(client.connect(mqtt.port(), mqtt.host())))
        .cause()
        .isInstanceOf(MqttConnectionException.class);
  }

  private static MqttClientOptions plainOptions(MosquittoServer mqtt, String password) {
    return new MqttClientOptions()
        .setUsername(mqtt.clientCredentials().username())
        .setPassword(password)
        .setCleanSession(true)
        .setHostnameVerificationAlgorithm("HTTPS")
        .setAutoKeepAlive(true);
  }

  private static MqttClient connected(MosquittoServer mqtt, MqttClientOptions options)
      throws Exception {
    MqttClient client = MqttClient.create(vertx, options);
    await(client.connect(mqtt.port(), mqtt.host()));
    return client;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
