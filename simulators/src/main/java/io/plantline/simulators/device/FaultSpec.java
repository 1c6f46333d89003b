package io.plantline.simulators.device;

import io.plantline.registermap.ByteWordOrder;
import java.util.Objects;
import java.util.Set;

/**
 * One injected transport fault with its parameters.
 *
 * @param kind which fault
 * @param probability chance per request that it strikes, 0 < p <= 1
 * @param delayMillis for {@link TransportFault#DELAY}: 1..60000
 * @param exceptionCode for {@link TransportFault#EXCEPTION}: 1, 2, 3, 4, 5, 6, 10 or 11
 * @param order for {@link TransportFault#WRONG_BYTE_ORDER}: the order actually used on the wire
 */
public record FaultSpec(
    TransportFault kind,
    double probability,
    long delayMillis,
    int exceptionCode,
    ByteWordOrder order) {
  private static final Set<Integer> EXCEPTION_CODES = Set.of(1, 2, 3, 4, 5, 6, 10, 11);

  public FaultSpec {
    Objects.requireNonNull(kind, "kind");
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1], was " + probability);
    }
    if (kind == TransportFault.DELAY && (delayMillis < 1 || delayMillis > 60_000)) {
      throw new IllegalArgumentException("delayMillis must be 1..60000, was " + delayMillis);
    }
    if (kind == TransportFault.EXCEPTION && !EXCEPTION_CODES.contains(exceptionCode)) {
      throw new IllegalArgumentException(
          "exceptionCode must be one of " + EXCEPTION_CODES + ", was " + exceptionCode);
    }
    if (kind == TransportFault.WRONG_BYTE_ORDER && order == null) {
      throw new IllegalArgumentException("order is required for wrong-byte-order");
    }
  }

  public static FaultSpec always(TransportFault kind) {
    return new FaultSpec(kind, 1.0, kind == TransportFault.DELAY ? 1000 : 0, 4, ByteWordOrder.CDAB);
  }

  public static FaultSpec delay(long millis) {
    return new FaultSpec(TransportFault.DELAY, 1.0, millis, 0, null);
  }

  public static FaultSpec exception(int code) {
    return new FaultSpec(TransportFault.EXCEPTION, 1.0, 0, code, null);
  }

  public static FaultSpec wrongByteOrder(ByteWordOrder order) {
    return new FaultSpec(TransportFault.WRONG_BYTE_ORDER, 1.0, 0, 0, order);
  }

  public FaultSpec withProbability(double p) {
    return new FaultSpec(kind, p, delayMillis, exceptionCode, order);
  }
}
