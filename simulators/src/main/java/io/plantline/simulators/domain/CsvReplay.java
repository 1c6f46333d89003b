package io.plantline.simulators.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Replays a recorded sensor signal from a {@code timestamp,value} CSV file (see {@link
 * CsvRecording}) as the single point {@code value}.
 *
 * <p>After {@code t} seconds of simulated time the replay is {@code t * speed} seconds into the
 * recording and shows the last row at or before that instant (a step signal, not interpolated).
 * With {@code loop} it starts over after the last row has held for one row interval; without, the
 * last row holds for ever. The replay adds no noise, so the seed is not used.
 */
final class CsvReplay implements DeviceModel {

  static final String TYPE = "csv-replay";
  static final String VALUE = "value";

  private static final Set<String> POINTS = ModelSupport.pointSet(VALUE);

  private final CsvRecording recording;
  private final double speed;
  private final boolean loop;
  private long elapsedNanos;
  private int index;

  CsvReplay(CsvRecording recording, double speed, boolean loop) {
    this.recording = recording;
    this.speed = speed;
    this.loop = loop;
  }

  static CsvReplay create(Params params, long seed) {
    String file = params.text("file", "path of a timestamp,value CSV file");
    double speed = params.number("speed", 1.0, 1e-6, 1e6);
    boolean loop = params.flag("loop", true);
    params.rejectUnknown();
    return new CsvReplay(CsvRecording.read(Path.of(file)), speed, loop);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> points() {
    return POINTS;
  }

  @Override
  public void advance(Duration dt) {
    ModelSupport.seconds(dt);
    elapsedNanos = Math.addExact(elapsedNanos, dt.toNanos());
    double position = elapsedNanos / 1e9 * speed;
    double period = recording.periodSeconds();
    if (loop && period > 0) {
      position %= period;
    }
    index = recording.indexAt(position);
  }

  @Override
  public double read(String point) {
    if (!VALUE.equals(point)) {
      throw ModelSupport.unknownPoint(TYPE, point, POINTS);
    }
    return recording.value(index);
  }

  @Override
  public void write(String point, double value) {
    throw ModelSupport.notWritable(TYPE, point, POINTS, Set.of());
  }

  @Override
  public void apply(DeviceEvent event) {
    throw ModelSupport.unsupported(TYPE, event);
  }

  /** Index of the row shown now. */
  int rowIndex() {
    return index;
  }
}
