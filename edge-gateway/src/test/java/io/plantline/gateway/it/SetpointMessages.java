package io.plantline.gateway.it;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.command.SetpointCommand;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;

/** Publishes setpoint commands as an operator's client does, for the MQTT tests. */
final class SetpointMessages {
  private SetpointMessages() {}

  /** Publishes {@code command} at QoS 1 on {@code topic} and waits for the broker's PUBACK. */
  static void publish(MqttClient client, String topic, SetpointCommand command) throws Exception {
    SimulatedPlant.await(
        client.publish(
            topic,
            Buffer.buffer(Codecs.SETPOINT_COMMAND.encode(command)),
            MqttQoS.AT_LEAST_ONCE,
            false,
            false));
  }
}
