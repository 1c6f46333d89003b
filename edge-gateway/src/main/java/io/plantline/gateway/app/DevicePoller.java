package io.plantline.gateway.app;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.gateway.adapter.in.modbus.ModbusEndpoint;
import io.plantline.gateway.adapter.in.modbus.ModbusSession;
import io.plantline.gateway.adapter.in.modbus.ModbusTask;
import io.plantline.gateway.app.config.DeviceConfig;
import io.plantline.gateway.domain.Backoff;
import io.plantline.gateway.domain.BlockPlanner;
import io.plantline.gateway.domain.DeviceHealth;
import io.plantline.gateway.domain.PollStagger;
import io.plantline.gateway.domain.ReadBlock;
import io.plantline.registermap.DataType;
import io.plantline.registermap.PointCodec;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterTable;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Polls one device: its points grouped by poll period (poll classes of equal period are read
 * together, so their registers coalesce into the fewest blocks and one batch) and coalesced into
 * blocks, each period on its own staggered timer; polls queue on the device's connection, retry,
 * back off and quarantine; the values go through edge processing into a numbered batch.
 */
final class DevicePoller {
  private final DeviceConfig config;
  private final String siteId;
  private final long bootEpoch;
  private final ModbusEndpoint endpoint;
  private final TelemetrySink sink;
  private final GatewayMetrics metrics;
  private final Clock clock;
  // Poll groups by name ("fast", or "fast+normal" when classes share a period): blocks and period.
  private final Map<String, List<ReadBlock>> blocksByClass = new LinkedHashMap<>();
  private final Map<String, Duration> periods = new LinkedHashMap<>();
  private final DeviceHealth health;
  private final ReadingPipeline pipeline;
  private final java.util.Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final List<Long> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean stopped;
  private long seq;

  DevicePoller(
      DeviceConfig config,
      String siteId,
      long bootEpoch,
      ModbusEndpoint endpoint,
      TelemetrySink sink,
      GatewayMetrics metrics,
      Clock clock) {
    this.config = config;
    this.siteId = siteId;
    this.bootEpoch = bootEpoch;
    this.endpoint = endpoint;
    this.sink = sink;
    this.metrics = metrics;
    this.clock = clock;
    this.health =
        new DeviceHealth(
            config.quarantineAfter(),
            config.quarantineProbe(),
            Backoff.standard(new SplittableRandom(config.deviceId().hashCode())));
    this.pipeline = new ReadingPipeline(config);
    Map<Duration, List<PointDefinition>> byPeriod =
        config.registerMap().points().stream()
            .collect(
                Collectors.groupingBy(
                    p -> config.pollClasses().get(p.pollClass()),
                    LinkedHashMap::new,
                    Collectors.toList()));
    byPeriod.forEach(
        (period, points) -> {
          String group =
              points.stream()
                  .map(PointDefinition::pollClass)
                  .distinct()
                  .collect(Collectors.joining("+"));
          blocksByClass.put(group, BlockPlanner.plan(points, config.maxGap()));
          periods.put(group, period);
        });
  }

  String deviceId() {
    return config.deviceId();
  }

  /** Blocks read per poll group (poll classes of one period), for logs and tests. */
  Map<String, List<ReadBlock>> blocks() {
    return blocksByClass;
  }

  /** Starts one timer per poll group, phase-shifted by the device's place among {@code count}. */
  void start(Vertx vertx, int index, int count) {
    blocksByClass
        .keySet()
        .forEach(
            pollClass -> {
              Duration period = periods.get(pollClass);
              long offset = Math.max(1, PollStagger.offset(index, count, period).toMillis());
              timers.add(
                  vertx.setTimer(
                      offset,
                      first -> {
                        if (!stopped) {
                          trigger(pollClass);
                          timers.add(
                              vertx.setPeriodic(period.toMillis(), id -> trigger(pollClass)));
                        }
                      }));
            });
  }

  void stop(Vertx vertx) {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
  }

  private void trigger(String pollClass) {
    if (!inFlight.add(pollClass)) {
      metrics.deadlineMiss(config.deviceId());
      return;
    }
    boolean may;
    synchronized (health) {
      may = health.mayPoll(clock.instant());
    }
    if (!may) {
      inFlight.remove(pollClass);
      return;
    }
    endpoint.submit(new PollTask(pollClass));
  }

  /** Writes a setpoint or command; queued ahead of every poll on the connection. */
  CompletableFuture<Void> write(String pointName, double value) {
    PointDefinition point =
        config
            .registerMap()
            .point(pointName)
            .filter(p -> p.access() == io.plantline.registermap.Access.READ_WRITE)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        config.deviceId() + " has no writable point '" + pointName + "'"));
    config
        .writeViolation(point, value)
        .ifPresent(
            reason -> {
              throw new IllegalArgumentException(config.deviceId() + ": " + reason);
            });
    CompletableFuture<Void> done = new CompletableFuture<>();
    endpoint.submit(new WriteTask(point, value, done));
    return done;
  }

  private final class PollTask implements ModbusTask {
    private final String pollClass;

    PollTask(String pollClass) {
      this.pollClass = pollClass;
    }

    @Override
    public int priority() {
      return POLL;
    }

    @Override
    public void execute(ModbusSession session) {
      Instant sourceTime = clock.instant();
      long begin = System.nanoTime();
      Map<String, Double> values = new LinkedHashMap<>();
      List<PointDefinition> failed = new ArrayList<>();
      Exception failure = null;
      for (ReadBlock block : blocksByClass.get(pollClass)) {
        try {
          values.putAll(readWithRetries(session, block));
        } catch (Exception e) {
          failure = e;
          metrics.pollError(config.deviceId(), e);
          failed.addAll(block.points());
          if (!(e instanceof ModbusSlaveException)) {
            break; // the device is unreachable: do not queue one timeout per block
          }
        }
      }
      metrics.pollLatency(System.nanoTime() - begin);
      updateHealth(failure);
      emit(values, failed, sourceTime);
      inFlight.remove(pollClass);
    }
  }

  private Map<String, Double> readWithRetries(ModbusSession session, ReadBlock block)
      throws Exception {
    Exception last = null;
    for (int attempt = 0; attempt <= config.retries(); attempt++) {
      try {
        ModbusTCPMaster master = session.master();
        master.setTimeout((int) config.timeout().toMillis());
        return read(master, block);
      } catch (ModbusSlaveException e) {
        throw e; // the device answered: retrying will not change its mind
      } catch (Exception e) {
        session.reset();
        last = e;
        if (attempt < config.retries()) {
          metrics.retry(config.deviceId());
        }
      }
    }
    throw last;
  }

  private Map<String, Double> read(ModbusTCPMaster master, ReadBlock block) throws Exception {
    int unit = config.unitId();
    int offset = block.offset();
    int quantity = block.quantity();
    if (block.table().isBit()) {
      BitVector bits =
          block.table() == RegisterTable.COIL
              ? master.readCoils(unit, offset, quantity)
              : master.readInputDiscretes(unit, offset, quantity);
      return decodeBits(block, bits);
    }
    InputRegister[] registers =
        block.table() == RegisterTable.INPUT_REGISTER
            ? master.readInputRegisters(unit, offset, quantity)
            : master.readMultipleRegisters(unit, offset, quantity);
    return decodeRegisters(block, registers);
  }

  /**
   * The values of a register block from a device's answer, which is checked first: an answer with
   * more or fewer registers than asked (or none) is malformed, whatever the device claims.
   */
  static Map<String, Double> decodeRegisters(ReadBlock block, InputRegister[] registers)
      throws MalformedResponseException {
    int quantity = block.quantity();
    if (registers == null || registers.length != quantity) {
      throw new MalformedResponseException(block, registers == null ? 0 : registers.length);
    }
    short[] words = new short[quantity];
    for (int i = 0; i < quantity; i++) {
      if (registers[i] == null) {
        throw new MalformedResponseException(block, i);
      }
      words[i] = (short) registers[i].getValue();
    }
    return block.decodeRegisters(words);
  }

  /** The values of a coil or discrete-input block from a device's answer, checked first. */
  static Map<String, Double> decodeBits(ReadBlock block, BitVector bits)
      throws MalformedResponseException {
    int quantity = block.quantity();
    if (bits == null || bits.size() < quantity) {
      throw new MalformedResponseException(block, bits == null ? 0 : bits.size());
    }
    boolean[] values = new boolean[quantity];
    for (int i = 0; i < quantity; i++) {
      values[i] = bits.getBit(i);
    }
    return block.decodeBits(values);
  }

  private void updateHealth(Exception failure) {
    Optional<DeviceHealth.State> change;
    int failures;
    synchronized (health) {
      change =
          failure == null ? health.onSuccess(clock.instant()) : health.onFailure(clock.instant());
      failures = health.consecutiveFailures();
    }
    change.ifPresent(
        state -> {
          metrics.healthChange(config.deviceId(), state);
          if (state == DeviceHealth.State.ONLINE) {
            sink.status(config.deviceId(), config.areaId(), DeviceState.BIRTH, "online");
          } else if (state == DeviceHealth.State.QUARANTINED) {
            sink.status(
                config.deviceId(),
                config.areaId(),
                DeviceState.DEATH,
                "quarantined after " + failures + " failed polls: " + failure);
          }
        });
  }

  /**
   * Numbers a batch and hands it to the sink under one lock: a poll finishing on a replacement
   * connection while the previous one still completes (after a garbled frame or a reconnect) would
   * otherwise journal seq n+1 before seq n, and the device's batches would reach Kafka out of order
   * (found by the plant soak).
   */
  private synchronized void emit(
      Map<String, Double> values, List<PointDefinition> failed, Instant sourceTime) {
    List<BatchReading> readings = pipeline.process(values, failed, sourceTime);
    if (readings.isEmpty()) {
      return;
    }
    sink.batch(
        new TelemetryBatch(
            UUID.randomUUID(),
            TelemetryBatch.SCHEMA_VERSION,
            config.deviceId(),
            siteId,
            config.areaId(),
            bootEpoch,
            seq++,
            clock.instant(),
            readings));
  }

  private final class WriteTask implements ModbusTask {
    private final PointDefinition point;
    private final double value;
    private final CompletableFuture<Void> done;

    WriteTask(PointDefinition point, double value, CompletableFuture<Void> done) {
      this.point = point;
      this.value = value;
      this.done = done;
    }

    @Override
    public int priority() {
      return WRITE;
    }

    @Override
    public void execute(ModbusSession session) {
      try {
        ModbusTCPMaster master = session.master();
        master.setTimeout((int) config.timeout().toMillis());
        int offset = point.address().offset();
        if (point.type() == DataType.BOOL) {
          master.writeCoil(config.unitId(), offset, PointCodec.toBit(value));
        } else {
          short[] words = PointCodec.encode(point, value);
          SimpleRegister[] registers = new SimpleRegister[words.length];
          for (int i = 0; i < words.length; i++) {
            registers[i] = new SimpleRegister(words[i] & 0xFFFF);
          }
          master.writeMultipleRegisters(config.unitId(), offset, registers);
        }
        done.complete(null);
      } catch (Exception e) {
        if (!(e instanceof ModbusSlaveException)) {
          session.reset();
        }
        done.completeExceptionally(e);
      }
    }
  }
}
