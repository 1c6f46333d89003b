package io.plantline.simulators.domain;

import java.time.Duration;
import java.util.Set;

/**
 * The physics of one simulated machine, driven by simulated time.
 *
 * <p>A model never reads the wall clock: it moves forward only through {@link #advance(Duration)},
 * typically in steps of 10 ms to 1 s of simulated time, however fast the engine runs. All noise
 * comes from a {@link java.util.SplittableRandom} seeded at creation, so the same seed and the same
 * sequence of calls give exactly the same values. Reading a point has no side effect on the
 * physics.
 *
 * <p>Values are engineering values in the unit named by the point (e.g. {@code speed_rpm}, {@code
 * winding_temperature_c}); states and commands are small integers carried as doubles.
 *
 * <p>Implementations are not thread-safe: callers serialise access to one model.
 */
public interface DeviceModel {

  /** The model type as named in plant files, e.g. {@code "motor-spindle"}. */
  String type();

  /** Names of the numeric points, in a stable order. */
  Set<String> points();

  /**
   * Advances the physics by {@code dt} of simulated time.
   *
   * @throws IllegalArgumentException when {@code dt} is zero or negative
   */
  void advance(Duration dt);

  /**
   * The current engineering value of a point.
   *
   * @throws IllegalArgumentException naming the point when the model has no such point
   */
  double read(String point);

  /**
   * Writes a setpoint or command, as a Modbus master or an operator would.
   *
   * @throws IllegalArgumentException naming the point when it is unknown or read-only, or when the
   *     value is outside the accepted range
   */
  void write(String point, double value);

  /**
   * Applies a scenario event.
   *
   * @throws UnsupportedOperationException {@code "<type> does not support <event>"} when the model
   *     has no such behaviour
   * @throws IllegalStateException when the model refuses the event in its current state, e.g. a
   *     start while faulted
   */
  void apply(DeviceEvent event);
}
