package io.plantline.simulators.device;

import io.plantline.registermap.ByteWordOrder;
import io.plantline.registermap.DataType;
import io.plantline.registermap.PointCodec;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterTable;
import io.plantline.simulators.domain.DeviceEvent;
import io.plantline.simulators.domain.DeviceModel;
import io.plantline.simulators.domain.SensorFaults;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Modbus device: a physics model behind sensor faults, exposed through a register map,
 * with transport faults that the Modbus server applies. Model access is serialised on this object;
 * readers use the last published {@link RegisterImage} without locking.
 */
public final class SimulatedDevice {
  /** Largest physics step; longer advances are split. */
  public static final Duration MAX_STEP = Duration.ofSeconds(1);

  private final DeviceIdentity identity;
  private final RegisterMap map;
  private final SensorFaults model;
  private final Map<String, String> strings;
  private final Map<TransportFault, FaultSpec> faults = new EnumMap<>(TransportFault.class);
  private final SplittableRandom faultRandom;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong faultsInjected = new AtomicLong();
  private volatile RegisterImage image;

  public SimulatedDevice(
      DeviceIdentity identity,
      RegisterMap map,
      DeviceModel model,
      Map<String, String> strings,
      long seed) {
    this.identity = identity;
    this.map = map;
    this.model = new SensorFaults(model, seed ^ 0x5DEECE66DL);
    this.strings = Map.copyOf(strings);
    this.faultRandom = new SplittableRandom(seed ^ 0xCAFEL);
    for (PointDefinition point : map.points()) {
      boolean numeric = point.type() != DataType.STRING;
      if (numeric && !model.points().contains(point.name())) {
        throw new IllegalArgumentException(
            identity.deviceId()
                + ": register map "
                + map.deviceType()
                + " has point '"
                + point.name()
                + "' that model "
                + model.type()
                + " does not produce; it produces "
                + model.points());
      }
    }
    this.image = render();
  }

  public DeviceIdentity identity() {
    return identity;
  }

  public RegisterMap registerMap() {
    return map;
  }

  public int unitId() {
    return identity.unitId();
  }

  /** The current register image; never null, replaced atomically by {@link #advance}. */
  public RegisterImage image() {
    return image;
  }

  /**
   * Advances the physics by {@code dt} of simulated time, in steps of at most {@link #MAX_STEP} so
   * fast-forwarding stays accurate, then publishes a new register image.
   */
  public synchronized void advance(Duration dt) {
    Duration remaining = dt;
    while (remaining.compareTo(MAX_STEP) > 0) {
      model.advance(MAX_STEP);
      remaining = remaining.minus(MAX_STEP);
    }
    if (!remaining.isZero() && !remaining.isNegative()) {
      model.advance(remaining);
    }
    image = render();
  }

  /** Applies a scenario event to the model. */
  public synchronized void apply(DeviceEvent event) {
    model.apply(event);
    image = render();
  }

  /** Sensor faults (stuck, drift, offset, spikes, NaN) of this device's model. */
  public synchronized <T> T withSensorFaults(java.util.function.Function<SensorFaults, T> change) {
    T result = change.apply(model);
    image = render();
    return result;
  }

  /** Engineering values of every numeric point, for the control API. */
  public synchronized Map<String, Double> values() {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String point : model.points()) {
      values.put(point, model.read(point));
    }
    return values;
  }

  /**
   * Writes holding registers {@code [offset, offset + words.length)} as a master would with
   * function 06 or 16. Only whole, writable points may be written.
   *
   * @return the Modbus exception code to answer, or 0 when the write was applied
   */
  public synchronized int writeRegisters(int offset, short[] words) {
    List<PointDefinition> targets =
        writableCover(RegisterTable.HOLDING_REGISTER, offset, words.length);
    if (targets == null) {
      return 2;
    }
    try {
      for (PointDefinition point : targets) {
        int from = point.address().offset() - offset;
        short[] raw = java.util.Arrays.copyOfRange(words, from, from + point.registerCount());
        model.write(point.name(), PointCodec.decode(point, raw));
      }
    } catch (IllegalArgumentException e) {
      return 3;
    }
    image = render();
    return 0;
  }

  /** Writes coils as function 05 or 15 does; returns the exception code or 0. */
  public synchronized int writeCoils(int offset, boolean[] bits) {
    List<PointDefinition> targets = writableCover(RegisterTable.COIL, offset, bits.length);
    if (targets == null) {
      return 2;
    }
    try {
      for (PointDefinition point : targets) {
        model.write(point.name(), bits[point.address().offset() - offset] ? 1 : 0);
      }
    } catch (IllegalArgumentException e) {
      return 3;
    }
    image = render();
    return 0;
  }

  /** Points that exactly cover the range, all writable; null when the range is not writable. */
  private List<PointDefinition> writableCover(RegisterTable table, int offset, int quantity) {
    List<PointDefinition> cover = new java.util.ArrayList<>();
    int next = offset;
    for (PointDefinition point : map.points(table)) {
      int start = point.address().offset();
      int end = start + point.registerCount();
      if (end <= offset || start >= offset + quantity) {
        continue;
      }
      if (start != next
          || end > offset + quantity
          || point.access() != io.plantline.registermap.Access.READ_WRITE) {
        return null;
      }
      cover.add(point);
      next = end;
    }
    return next == offset + quantity ? cover : null;
  }

  // --- transport faults ---------------------------------------------------------------

  public synchronized void inject(FaultSpec fault) {
    faults.put(fault.kind(), fault);
    if (fault.kind() == TransportFault.WRONG_BYTE_ORDER) {
      image = render();
    }
  }

  public synchronized void clear(TransportFault kind) {
    if (faults.remove(kind) != null && kind == TransportFault.WRONG_BYTE_ORDER) {
      image = render();
    }
  }

  public synchronized void clearFaults() {
    faults.clear();
    model.clearAll();
    image = render();
  }

  public synchronized Map<TransportFault, FaultSpec> faults() {
    return Map.copyOf(faults);
  }

  /** Whether {@code kind} is injected and strikes this request (rolls its probability). */
  public synchronized Optional<FaultSpec> strikes(TransportFault kind) {
    FaultSpec spec = faults.get(kind);
    if (spec == null
        || (spec.probability() < 1 && faultRandom.nextDouble() >= spec.probability())) {
      return Optional.empty();
    }
    faultsInjected.incrementAndGet();
    return Optional.of(spec);
  }

  public long countRequest() {
    return requests.incrementAndGet();
  }

  public long requests() {
    return requests.get();
  }

  public long faultsInjected() {
    return faultsInjected.get();
  }

  private RegisterImage render() {
    FaultSpec wrongOrder = faults.get(TransportFault.WRONG_BYTE_ORDER);
    ImageWriter writer = new ImageWriter(map);
    for (PointDefinition point : map.points()) {
      if (point.type() == DataType.STRING) {
        writer.words(point, PointCodec.encodeString(point, strings.getOrDefault(point.name(), "")));
      } else if (point.type() == DataType.BOOL) {
        writer.bit(point, PointCodec.toBit(model.read(point.name())));
      } else {
        ByteWordOrder order = wrongOrder == null ? point.order() : wrongOrder.order();
        writer.words(
            point, PointCodec.encodeClamped(withOrder(point, order), model.read(point.name())));
      }
    }
    return writer.image();
  }

  private static PointDefinition withOrder(PointDefinition p, ByteWordOrder order) {
    return order == p.order()
        ? p
        : new PointDefinition(
            p.name(),
            p.address(),
            p.type(),
            order,
            p.scale(),
            p.offset(),
            p.unit(),
            p.access(),
            p.pollClass(),
            p.stringLength(),
            p.description());
  }
}
