package io.plantline.demo.soak;

import io.plantline.contracts.topic.Topics;
import io.plantline.demo.PlantDemo;
import io.plantline.testkit.bench.ProcessCpu;
import io.plantline.testkit.bench.PrometheusText;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.process.ResidentMemory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples the running plant every few seconds: consumer lag on {@code telemetry.raw.v1} per group,
 * the gateways' journal backlogs, and resident memory and CPU of every process. The samples give
 * recovery times, backlog peaks and the leak check.
 */
final class SoakMonitor implements AutoCloseable {
  private static final String BACKLOG = "plantline_gateway_journal_backlog_records";
  private static final Pattern DEVICE_LABEL = Pattern.compile("device=\"([^\"]+)\"");

  /**
   * One sample.
   *
   * @param at when
   * @param lagByGroup consumer lag in records per group, -1 when Kafka did not answer
   * @param journalBacklog records in the gateways' journals not yet acknowledged, -1 when a gateway
   *     did not answer
   * @param processes resident memory and CPU per process name
   */
  record Sample(
      Instant at,
      Map<String, Long> lagByGroup,
      long journalBacklog,
      Map<String, ProcessSample> processes) {

    /** The largest lag of any group, -1 if unknown. */
    long maxLag() {
      if (lagByGroup.isEmpty() || lagByGroup.containsValue(-1L)) {
        return -1;
      }
      return Collections.max(lagByGroup.values());
    }

    /** Lag plus journal backlog: what is still on its way; -1 if unknown. */
    long backlog() {
      if (maxLag() < 0 || journalBacklog < 0) {
        return -1;
      }
      return maxLag() + journalBacklog;
    }
  }

  /** A process at one sample: its pid, resident bytes and CPU seconds so far. */
  record ProcessSample(long pid, long residentBytes, double cpuSeconds) {}

  private final PlantDemo demo;
  private final Map<String, String> gatewayUrls;
  private final Admin admin;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "soak-monitor");
            t.setDaemon(true);
            return t;
          });
  private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Long> failedAttemptsByProcessAndDevice = new ConcurrentHashMap<>();

  SoakMonitor(PlantDemo demo, Map<String, String> gatewayUrls, Map<String, Object> kafka) {
    this.demo = demo;
    this.gatewayUrls = Map.copyOf(gatewayUrls);
    Map<String, Object> props = new LinkedHashMap<>(kafka);
    props.put("request.timeout.ms", 3000);
    props.put("default.api.timeout.ms", 4000);
    this.admin = Admin.create(props);
  }

  /** Samples every {@code period} from now on. */
  void start(Duration period) {
    timer.scheduleWithFixedDelay(this::sampleQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** The newest sample taken now (not on the timer). */
  Sample sampleNow() {
    Sample sample = sample();
    samples.add(sample);
    return sample;
  }

  /**
   * Waits until a sample's backlog (largest lag plus journal backlogs) is known and under {@code
   * bound} records twice in a row.
   *
   * @return how long it took, or null if {@code timeout} passed first
   */
  Duration awaitBacklogUnder(long bound, Duration timeout) throws InterruptedException {
    long begin = System.nanoTime();
    long deadline = begin + timeout.toNanos();
    int good = 0;
    while (System.nanoTime() < deadline) {
      long backlog = sampleNow().backlog();
      good = backlog >= 0 && backlog <= bound ? good + 1 : 0;
      if (good == 2) {
        return Duration.ofNanos(System.nanoTime() - begin);
      }
      Thread.sleep(1000);
    }
    return null;
  }

  /** The largest known backlog among the samples taken between two instants. */
  long peakBacklog(Instant from, Instant to) {
    return samples().stream()
        .filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to))
        .mapToLong(Sample::backlog)
        .max()
        .orElse(-1);
  }

  private void sampleQuietly() {
    try {
      samples.add(sample());
    } catch (RuntimeException e) {
      System.err.println("soak monitor: " + e.getMessage());
    }
  }

  private Sample sample() {
    return new Sample(Instant.now(), lags(), journalBacklog(), processes());
  }

  private Map<String, Long> lags() {
    Map<String, Long> lags = new LinkedHashMap<>();
    try {
      List<String> groups =
          admin.listConsumerGroups().all().get(4, TimeUnit.SECONDS).stream()
              .map(ConsumerGroupListing::groupId)
              .sorted()
              .toList();
      Map<TopicPartition, Long> ends = null;
      for (String group : groups) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(4, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .filter(
                    e -> e.getKey().topic().equals(Topics.TELEMETRY_RAW) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (committed.isEmpty()) {
          continue;
        }
        if (ends == null) {
          ends = endOffsets();
        }
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
          OffsetAndMetadata at = committed.get(end.getKey());
          lag += end.getValue() - (at == null ? 0 : at.offset());
        }
        lags.put(group, Math.max(0, lag));
      }
      return lags;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Map.of("kafka", -1L);
    }
  }

  private Map<TopicPartition, Long> endOffsets() throws Exception {
    List<TopicPartition> partitions =
        admin
            .describeTopics(List.of(Topics.TELEMETRY_RAW))
            .allTopicNames()
            .get(4, TimeUnit.SECONDS)
            .get(Topics.TELEMETRY_RAW)
            .partitions()
            .stream()
            .map(p -> new TopicPartition(Topics.TELEMETRY_RAW, p.partition()))
            .toList();
    Map<TopicPartition, OffsetSpec> latest =
        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info =
        admin.listOffsets(latest).all().get(4, TimeUnit.SECONDS);
    return info.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private long journalBacklog() {
    long total = 0;
    for (Map.Entry<String, String> gateway : gatewayUrls.entrySet()) {
      String url = gateway.getValue();
      try {
        HttpResponse<String> metrics =
            LoopbackHttp.sendForString(
                HttpRequest.newBuilder(URI.create(url + "/metrics"))
                    .timeout(Duration.ofSeconds(2))
                    .build());
        OptionalDouble backlog =
            metrics.statusCode() == 200
                ? new PrometheusText(metrics.body()).value(BACKLOG)
                : OptionalDouble.empty();
        if (backlog.isEmpty()) {
          return -1;
        }
        recordFailedAttempts(demo.process(gateway.getKey()).pid(), metrics.body());
        total += (long) backlog.getAsDouble();
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return total;
  }

  private void recordFailedAttempts(long pid, String metrics) {
    Map<String, Long> byDevice = new LinkedHashMap<>();
    for (String line : metrics.split("\n")) {
      boolean retry = line.startsWith("plantline_gateway_poll_retries_total{");
      boolean error =
          line.startsWith("plantline_gateway_poll_errors_total{")
              && (line.contains("code=\"timeout_or_io\"") || line.contains("code=\"malformed\""));
      Matcher device = DEVICE_LABEL.matcher(line);
      if ((retry || error) && device.find()) {
        long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        byDevice.merge(device.group(1), value, Long::sum);
      }
    }
    byDevice.forEach((device, n) -> failedAttemptsByProcessAndDevice.put(pid + " " + device, n));
  }

  /**
   * Read attempts per device that failed without an answer (retried or not), summed over every
   * process of its gateway: each may have been served late and discarded.
   */
  Map<String, Long> failedReadAttempts() {
    Map<String, Long> total = new LinkedHashMap<>();
    failedAttemptsByProcessAndDevice.forEach(
        (key, n) -> total.merge(key.substring(key.indexOf(' ') + 1), n, Long::sum));
    return total;
  }

  private Map<String, ProcessSample> processes() {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("soak (QuestDB inside)", ProcessHandle.current().pid());
    pids.put("kafka", demo.kafka().pid());
    pids.put("mosquitto", demo.mqtt().pid());
    pids.put("cassandra", demo.cassandra().pid());
    for (String name : demo.componentNames().stream().sorted().toList()) {
      pids.put(name, demo.process(name).pid());
    }
    Map<String, ProcessSample> out = new LinkedHashMap<>();
    pids.forEach(
        (name, pid) -> {
          long rss = ResidentMemory.ofPid(pid);
          if (rss <= 0) {
            return; // stopped for a fault
          }
          double cpu;
          try {
            cpu = ProcessCpu.seconds(pid);
          } catch (IOException e) {
            return;
          }
          out.put(name, new ProcessSample(pid, rss, cpu));
        });
    return out;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(2));
  }
}
