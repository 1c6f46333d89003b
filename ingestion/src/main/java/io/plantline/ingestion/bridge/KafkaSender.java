package io.plantline.ingestion.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Kafka producer behind Vert.x futures. {@code KafkaProducer.send} can block (metadata, full
 * buffer), so sends run on one dedicated thread, in call order, never on the event loop; the
 * returned future completes on the caller's context once Kafka acknowledged the record.
 */
final class KafkaSender implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final ExecutorService sendThread;
  private final Context context;

  KafkaSender(Map<String, Object> producerProperties, Context context) {
    this.producer =
        new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer());
    this.context = context;
    this.sendThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "plantline-bridge-kafka-send");
              t.setDaemon(true);
              return t;
            });
  }

  /** Sends a record; the future completes on the caller's context with Kafka's acknowledgement. */
  Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    Promise<RecordMetadata> promise = Promise.promise();
    try {
      sendThread.execute(
          () -> {
            try {
              producer.send(
                  record,
                  (metadata, error) ->
                      context.runOnContext(
                          v -> {
                            if (error == null) {
                              promise.complete(metadata);
                            } else {
                              promise.fail(error);
                            }
                          }));
            } catch (RuntimeException e) {
              context.runOnContext(v -> promise.fail(e));
            }
          });
    } catch (RejectedExecutionException e) {
      promise.fail(new IllegalStateException("the Kafka sender is closed", e));
    }
    return promise.future();
  }

  /** Fetches the topic's metadata on the send thread: succeeds once Kafka answers. */
  Future<Integer> probe(String topic) {
    Promise<Integer> promise = Promise.promise();
    sendThread.execute(
        () -> {
          try {
            int partitions = producer.partitionsFor(topic).size();
            context.runOnContext(v -> promise.complete(partitions));
          } catch (RuntimeException e) {
            context.runOnContext(v -> promise.fail(e));
          }
        });
    return promise.future();
  }

  /** Flushes what was sent and closes the producer, waiting at most {@code timeout}. */
  void close(Duration timeout) {
    sendThread.shutdown();
    try {
      sendThread.awaitTermination(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(timeout);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
