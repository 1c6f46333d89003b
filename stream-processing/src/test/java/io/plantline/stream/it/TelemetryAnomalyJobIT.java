package io.plantline.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.stream.domain.AlarmIds;
import io.plantline.stream.it.SyntheticPlant.Anomaly;
import io.plantline.stream.it.SyntheticPlant.Script;
import io.plantline.stream.job.DeadLetterHeaders;
import io.plantline.stream.job.JobSettings;
import io.plantline.stream.job.TelemetryAnomalyJob;
import io.plantline.stream.kafka.KafkaIo;
import io.plantline.stream.rules.RuleFiles;
import io.plantline.testkit.flink.FlinkMiniClusters;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a MiniCluster at parallelism 2 against the testkit's Kafka (SASL): batches with
 * known anomalies in, alarms, work-order commands and dead letters (a garbage payload, readings
 * sent again after the watermark passed them) out, read with read_committed.
 */
@ExtendWith(EmbeddedServersExtension.class)
class TelemetryAnomalyJobIT {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniClusters.extension();

  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void shouldTurnKnownAnomaliesIntoAlarmsAndOneWorkOrderEachWithDeadLettersAndAcknowledgement(
      KafkaServer kafka) throws Exception {
    String prefix = "it-job-" + UUID.randomUUID().toString().substring(0, 8);
    String telemetry = prefix + ".telemetry.raw.v1";
    String commands = prefix + ".alarms.commands.v1";
    String alarms = prefix + ".alarms.v1";
    String workOrders = prefix + ".workorder.commands.v1";
    String dlq = prefix + ".telemetry.dlq.v1";
    kafka.createTopics(2, telemetry, commands, alarms, workOrders, dlq);

    long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;
    Map<String, Script> scripts = new LinkedHashMap<>();
    scripts.put("spindle-001", new Script(Anomaly.NONE, 0));
    scripts.put("spindle-002", new Script(Anomaly.OVERHEAT, 60));
    scripts.put("spindle-003", new Script(Anomaly.VIBRATION_SPIKES, 120));
    scripts.put("spindle-004", new Script(Anomaly.SILENCE, 200));
    SyntheticPlant plant = new SyntheticPlant(t0, scripts);
    List<Map.Entry<String, byte[]>> records = new ArrayList<>();
    plant.batches(0, 360).forEach(b -> records.add(Map.entry(b.deviceId(), b.payload())));
    records.add(
        50, Map.entry("spindle-001", "{\"not\": \"a batch\"}".getBytes(StandardCharsets.UTF_8)));
    KafkaTopics.produce(kafka, telemetry, records);

    Properties client = KafkaTopics.clientProperties(kafka);
    String bootstrap = kafka.bootstrapServers();
    JobSettings settings =
        new JobSettings(5_000, 3_000, 1_000, prefix + "-group", FlinkMiniClusters.PARALLELISM);
    TelemetryAnomalyJob job =
        new TelemetryAnomalyJob(
            settings,
            RuleFiles.builtIn(),
            KafkaIo.telemetrySource(bootstrap, client, telemetry, settings.consumerGroup()),
            KafkaIo.source(bootstrap, client, commands, settings.consumerGroup() + "-commands"),
            new TelemetryAnomalyJob.Sinks(
                KafkaIo.sink(
                    bootstrap, client, alarms, DeliveryGuarantee.EXACTLY_ONCE, prefix + "-alarms"),
                KafkaIo.sink(
                    bootstrap,
                    client,
                    workOrders,
                    DeliveryGuarantee.EXACTLY_ONCE,
                    prefix + "-work-orders"),
                KafkaIo.sink(
                    bootstrap, client, dlq, DeliveryGuarantee.EXACTLY_ONCE, prefix + "-dlq")));
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    JobClient running = job.executeAsync(StreamExecutionEnvironment.getExecutionEnvironment(conf));
    try {
      List<ConsumerRecord<String, byte[]>> raised =
          KafkaTopics.readUntil(
              kafka,
              alarms,
              true,
              WAIT,
              read ->
                  raisedRules(read)
                      .containsAll(
                          List.of(
                              "spindle-002/winding-overtemperature",
                              "spindle-003/bearing-vibration-spikes",
                              "spindle-004/spindle-telemetry-missing")));
      assertThat(raisedRules(raised))
          .contains(
              "spindle-002/winding-overtemperature",
              "spindle-003/bearing-vibration-spikes",
              "spindle-004/spindle-telemetry-missing");
      assertThat(raisedRules(raised)).doesNotContain("spindle-001/winding-overtemperature");
      AlarmEvent hot =
          events(raised).stream()
              .filter(e -> e.ruleId().equals("winding-overtemperature"))
              .findFirst()
              .orElseThrow();
      assertThat(hot.deviceId()).isEqualTo("spindle-002");
      assertThat(hot.evidence()).containsKeys("winding_temperature_c.max", "threshold");
      assertThat(raised)
          .allSatisfy(
              r -> assertThat(r.key()).isEqualTo(Codecs.ALARM_EVENT.decode(r.value()).deviceId()));

      AlarmCommand ack =
          new AlarmCommand(
              UUID.randomUUID(),
              1,
              AlarmAction.ACKNOWLEDGE,
              hot.alarmId(),
              "spindle-002",
              hot.ruleId(),
              "operator-1",
              null,
              null,
              Instant.now());
      KafkaTopics.produce(
          kafka, commands, List.of(Map.entry("spindle-002", Codecs.ALARM_COMMAND.encode(ack))));
      List<ConsumerRecord<String, byte[]>> acked =
          KafkaTopics.readUntil(
              kafka,
              alarms,
              true,
              WAIT,
              read -> events(read).stream().anyMatch(e -> e.state() == AlarmState.ACKNOWLEDGED));
      assertThat(events(acked))
          .filteredOn(e -> e.state() == AlarmState.ACKNOWLEDGED)
          .singleElement()
          .satisfies(e -> assertThat(e.alarmId()).isEqualTo(hot.alarmId()));

      List<ConsumerRecord<String, byte[]>> orders =
          KafkaTopics.readUntil(kafka, workOrders, true, WAIT, read -> read.size() >= 2);
      List<OpenWorkOrder> opened =
          orders.stream()
              .map(r -> (OpenWorkOrder) Codecs.WORK_ORDER_COMMAND.decode(r.value()))
              .toList();
      assertThat(opened)
          .extracting(o -> o.assetId() + "/" + o.ruleId())
          .containsExactlyInAnyOrder(
              "spindle-002/winding-overtemperature", "spindle-003/bearing-vibration-spikes");
      assertThat(opened)
          .allSatisfy(
              o -> {
                assertThat(o.workOrderId()).isEqualTo(AlarmIds.workOrderId(o.alarmId()));
                assertThat(o.reason()).contains("Evidence:", ".mean=");
              });
      assertThat(opened).extracting(OpenWorkOrder::alarmId).contains(hot.alarmId());

      // spindle-001's first batch once more, long after the watermark passed it: five late
      // readings (every metric of the batch feeds a rule) join the garbage payload in the DLQ.
      String t0Text = Instant.ofEpochMilli(t0).toString();
      KafkaTopics.produce(
          kafka,
          telemetry,
          plant.batches(0, 1).stream()
              .filter(b -> b.deviceId().equals("spindle-001"))
              .map(b -> Map.entry(b.deviceId(), b.payload()))
              .toList());
      List<ConsumerRecord<String, byte[]>> dead =
          KafkaTopics.readUntil(
              kafka,
              dlq,
              true,
              WAIT,
              read -> lateAt(read, t0Text).size() >= 5 && read.size() > lateOf(read).size());
      assertThat(dead)
          .filteredOn(r -> !isLate(r))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.key()).isEqualTo("spindle-001");
                assertThat(header(r, DeadLetterHeaders.REASON)).isNotBlank();
              });
      assertThat(lateAt(dead, t0Text))
          .hasSize(5)
          .allSatisfy(
              r -> {
                assertThat(r.key()).isEqualTo("spindle-001");
                assertThat(header(r, DeadLetterHeaders.FIELD)).isEqualTo("sourceTime");
                assertThat(Long.parseLong(header(r, DeadLetterHeaders.LATENESS_MS)))
                    .isGreaterThan(60_000); // the watermark had passed t0 + 200 s and more
              });
    } finally {
      running.cancel().get();
    }
  }

  static String header(ConsumerRecord<String, byte[]> r, String name) {
    return r.headers().lastHeader(name) == null
        ? null
        : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  static boolean isLate(ConsumerRecord<String, byte[]> r) {
    return DeadLetterHeaders.REASON_LATE.equals(header(r, DeadLetterHeaders.REASON));
  }

  private static List<ConsumerRecord<String, byte[]>> lateOf(
      List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().filter(TelemetryAnomalyJobIT::isLate).toList();
  }

  /** Late dead letters whose reading has this sourceTime. */
  private static List<ConsumerRecord<String, byte[]>> lateAt(
      List<ConsumerRecord<String, byte[]>> records, String sourceTime) {
    return lateOf(records).stream()
        .filter(r -> KafkaTopics.text(r).contains("\"sourceTime\":\"" + sourceTime + "\""))
        .toList();
  }

  static List<AlarmEvent> events(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> Codecs.ALARM_EVENT.decode(r.value())).toList();
  }

  static List<String> raisedRules(List<ConsumerRecord<String, byte[]>> records) {
    return events(records).stream()
        .filter(e -> e.state() == AlarmState.RAISED)
        .map(e -> e.deviceId() + "/" + e.ruleId())
        .toList();
  }
}
