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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Modbus device: a physics model behind sensor faults, exposed through a register map,
 * with transport faults that the Modbus server applies and, optionally, a {@link ServedCounter}.
 * Model access is serialised on this object; readers use the last published {@link RegisterImage}
 * without locking.
 */
public final class SimulatedDevice {
  /** Largest physics step; longer advances are split. */
  public static final Duration MAX_STEP = Duration.ofSeconds(1);

  private final DeviceIdentity identity;
  private final RegisterMap map;
  private final SensorFaults model;
  private final Map<String, String> strings;
  private final Map<TransportFault, FaultSpec> faults = new EnumMap<>(TransportFault.class);
  private final Map<TransportFault, Instant> faultDeadlines = new EnumMap<>(TransportFault.class);
  private final Map<TransportFault, Long> faultsApplied = new EnumMap<>(TransportFault.class);
  private final SplittableRandom faultRandom;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong faultsInjected = new AtomicLong();
  private final Clock clock;
  private volatile RegisterImage image;
  private volatile ServedCounter servedCounter;

  public SimulatedDevice(
      DeviceIdentity identity,
      RegisterMap map,
      DeviceModel model,
      Map<String, String> strings,
      long seed) {
    this(identity, map, model, strings, seed, Clock.systemUTC());
  }

  /**
   * @param clock wall clock for bounded transport faults and the served-read times
   */
  public SimulatedDevice(
      DeviceIdentity identity,
      RegisterMap map,
      DeviceModel model,
      Map<String, String> strings,
      long seed,
      Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
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
   * Exposes a {@link ServedCounter} at input registers {@code address} and {@code address + 1}.
   * Call it before the device is served.
   *
   * @throws IllegalArgumentException when the address is out of range or the input-register image
   *     of the register map reaches it (a point or the zeros between points)
   */
  public synchronized void enableServedCounter(int address) {
    if (servedCounter != null) {
      throw new IllegalStateException(identity.deviceId() + ": served-read counter already on");
    }
    ServedCounter counter = new ServedCounter(address, clock);
    int size = image.size(RegisterTable.INPUT_REGISTER);
    if (address < size) {
      String user =
          map.points(RegisterTable.INPUT_REGISTER).stream()
              .filter(p -> counter.overlaps(p.address().offset(), p.registerCount()))
              .findFirst()
              .map(p -> "point '" + p.name() + "'")
              .orElse("the zeros between its points");
      throw new IllegalArgumentException(
          ("input registers %d..%d of the served-read counter collide with %s of register map"
                  + " %s (input registers 0..%d); choose an address of %d or more")
              .formatted(address, address + 1, user, map.deviceType(), size - 1, size));
    }
    servedCounter = counter;
  }

  /** The served-read counter, when {@link #enableServedCounter} turned it on. */
  public Optional<ServedCounter> servedCounter() {
    return Optional.ofNullable(servedCounter);
  }

  /**
   * Advances the physics by {@code dt} of simulated time, in steps of at most {@link #MAX_STEP} so
   * fast-forwarding stays accurate, then publishes a new register image.
   */
  public synchronized void advance(Duration dt) {
    expireFaults();
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

  /** Injects {@code fault} until it is cleared; replaces an injected fault of the same kind. */
  public synchronized void inject(FaultSpec fault) {
    faults.put(fault.kind(), fault);
    faultDeadlines.remove(fault.kind());
    if (fault.kind() == TransportFault.WRONG_BYTE_ORDER) {
      image = render();
    }
  }

  /**
   * Injects {@code fault} for {@code duration} of wall-clock time (not simulated time: faults act
   * on the wire), then it ends as if cleared.
   */
  public synchronized void inject(FaultSpec fault, Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("fault duration must be positive, was " + duration);
    }
    inject(fault);
    faultDeadlines.put(fault.kind(), clock.instant().plus(duration));
  }

  public synchronized void clear(TransportFault kind) {
    faultDeadlines.remove(kind);
    if (faults.remove(kind) != null && kind == TransportFault.WRONG_BYTE_ORDER) {
      image = render();
    }
  }

  public synchronized void clearFaults() {
    faults.clear();
    faultDeadlines.clear();
    model.clearAll();
    image = render();
  }

  public synchronized Map<TransportFault, FaultSpec> faults() {
    expireFaults();
    return Map.copyOf(faults);
  }

  /** When the injected faults that have a duration end. */
  public synchronized Map<TransportFault, Instant> faultDeadlines() {
    expireFaults();
    return Map.copyOf(faultDeadlines);
  }

  /**
   * Whether {@code kind} is injected and strikes this request (rolls its probability). A strike is
   * counted as applied: callers apply every fault they are told strikes.
   */
  public synchronized Optional<FaultSpec> strikes(TransportFault kind) {
    expireFaults();
    FaultSpec spec = faults.get(kind);
    if (spec == null
        || (spec.probability() < 1 && faultRandom.nextDouble() >= spec.probability())) {
      return Optional.empty();
    }
    faultsInjected.incrementAndGet();
    faultsApplied.merge(kind, 1L, Long::sum);
    return Optional.of(spec);
  }

  /** How many requests each transport fault struck; only kinds that struck at least once. */
  public synchronized Map<TransportFault, Long> faultsApplied() {
    return java.util.Collections.unmodifiableMap(new EnumMap<>(faultsApplied));
  }

  /** Ends the faults whose duration is over; renders again when the byte order changes back. */
  private void expireFaults() {
    if (faultDeadlines.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    boolean orderChanged = false;
    for (Iterator<Map.Entry<TransportFault, Instant>> it = faultDeadlines.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<TransportFault, Instant> deadline = it.next();
      TransportFault kind = deadline.getKey();
      if (!now.isBefore(deadline.getValue())) {
        it.remove();
        faults.remove(kind);
        orderChanged |= kind == TransportFault.WRONG_BYTE_ORDER;
      }
    }
    if (orderChanged) {
      image = render();
    }
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
