package io.plantline.console.adapter.out.kafka;

import io.plantline.console.domain.AlarmCommandSink;
import io.plantline.console.domain.SessionLog;
import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.session.SessionEnded;
import io.plantline.contracts.topic.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the console publishes, with one idempotent {@code acks=all} producer whose waits are bounded
 * for an interactive caller (blocking on metadata 5 s, delivery 15 s): alarm commands on {@code
 * alarms.commands.v1} keyed by device id, and ended sessions on {@code console.sessions.v1} keyed
 * by session id.
 */
public final class KafkaConsoleSink implements AlarmCommandSink, SessionLog, AutoCloseable {
  private final Producer<String, byte[]> producer;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "console-kafka-sink");
            t.setDaemon(true);
            return t;
          });

  /** A sink over a producer with {@code reliableProducerProperties}, bounded as above. */
  public static KafkaConsoleSink create(Map<String, Object> reliableProducerProperties) {
    Map<String, Object> props = new HashMap<>(reliableProducerProperties);
    props.put("linger.ms", 0);
    props.put("max.block.ms", 5_000);
    props.put("request.timeout.ms", 10_000);
    props.put("delivery.timeout.ms", 15_000);
    return new KafkaConsoleSink(
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
  }

  /** A sink over {@code producer} (tests give a mock). */
  public KafkaConsoleSink(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  @Override
  public CompletionStage<Void> send(AlarmCommand command) {
    return publish(Topics.ALARM_COMMANDS, command.deviceId(), Codecs.ALARM_COMMAND.encode(command));
  }

  @Override
  public CompletionStage<Void> record(SessionEnded ended) {
    return publish(Topics.CONSOLE_SESSIONS, ended.sessionId(), Codecs.SESSION_ENDED.encode(ended));
  }

  private CompletionStage<Void> publish(String topic, String key, byte[] value) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    // send() may block (metadata, a full buffer) up to max.block.ms: never on the event loop
    sender.execute(
        () -> {
          try {
            producer.send(
                new ProducerRecord<>(topic, key, value),
                (metadata, e) -> {
                  if (e == null) {
                    done.complete(null);
                  } else {
                    done.completeExceptionally(e);
                  }
                });
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  @Override
  public void close() {
    sender.shutdown();
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
