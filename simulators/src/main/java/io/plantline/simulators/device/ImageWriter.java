package io.plantline.simulators.device;

import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterTable;

/** Builds a {@link RegisterImage} sized to a register map, point by point. */
final class ImageWriter {
  private final short[] input;
  private final short[] holding;
  private final boolean[] coils;
  private final boolean[] discrete;

  ImageWriter(RegisterMap map) {
    input = new short[end(map, RegisterTable.INPUT_REGISTER)];
    holding = new short[end(map, RegisterTable.HOLDING_REGISTER)];
    coils = new boolean[end(map, RegisterTable.COIL)];
    discrete = new boolean[end(map, RegisterTable.DISCRETE_INPUT)];
  }

  private static int end(RegisterMap map, RegisterTable table) {
    return map.points(table).stream()
        .mapToInt(p -> p.address().offset() + p.registerCount())
        .max()
        .orElse(0);
  }

  void words(PointDefinition point, short[] words) {
    short[] target = point.address().table() == RegisterTable.INPUT_REGISTER ? input : holding;
    System.arraycopy(words, 0, target, point.address().offset(), words.length);
  }

  void bit(PointDefinition point, boolean value) {
    boolean[] target = point.address().table() == RegisterTable.COIL ? coils : discrete;
    target[point.address().offset()] = value;
  }

  RegisterImage image() {
    return new RegisterImage(input, holding, coils, discrete);
  }
}
