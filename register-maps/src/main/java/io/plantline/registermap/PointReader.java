package io.plantline.registermap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and validates one entry of {@code points}, applying the defaults. */
final class PointReader {

  static final List<String> KEYS =
      List.of(
          "name",
          "address",
          "type",
          "order",
          "scale",
          "offset",
          "unit",
          "access",
          "pollClass",
          "stringLength",
          "description",
          "min",
          "max");

  private PointReader() {}

  static PointDefinition read(YamlMapping m, ByteWordOrder defaultOrder, Set<String> pollClasses) {
    String name = m.requiredText("name");
    MapReader.check(m, "name", Rules.name("point", name));
    RegisterAddress address = address(m);
    DataType type =
        m.choice("type", DataType.class).orElseThrow(() -> m.fail("type", "missing required key"));
    MapReader.check(m, "type", Rules.placement(type, address));
    Access access = m.choice("access", Access.class).orElse(Access.READ);
    MapReader.check(m, "access", Rules.access(access, address));
    int stringLength = stringLength(m, type);
    MapReader.check(m, "address", Rules.extent(address, type.registerCount(stringLength)));
    ByteWordOrder order = order(m, type, defaultOrder);
    double scale = scaling(m, type, "scale", 1.0);
    MapReader.check(m, "scale", Rules.scale(type, scale));
    double offset = scaling(m, type, "offset", 0.0);
    MapReader.check(m, "offset", Rules.offset(type, offset));
    String pollClass = pollClass(m, pollClasses);
    String unit = m.text("unit").orElse("");
    String description = m.text("description").orElse("");
    double min = m.number("min").orElse(Double.NEGATIVE_INFINITY);
    double max = m.number("max").orElse(Double.POSITIVE_INFINITY);
    MapReader.check(
        m, m.get("min") != null ? "min" : "max", Rules.writeLimits(type, access, min, max));
    return new PointDefinition(
        name,
        address,
        type,
        order,
        scale,
        offset,
        unit,
        access,
        pollClass,
        stringLength,
        description,
        min,
        max);
  }

  private static RegisterAddress address(YamlMapping m) {
    JsonNode node = m.get("address");
    if (node != null && node.isNumber()) {
      throw m.fail(
          "address",
          "write the address as a quoted string such as \"40001\" or \"hr:0\" (YAML reads an"
              + " unquoted 00001 as 1)");
    }
    String text = m.requiredText("address");
    try {
      return RegisterAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw m.fail("address", e.getMessage());
    }
  }

  private static int stringLength(YamlMapping m, DataType type) {
    Optional<Integer> length = m.integer("stringLength");
    if (type == DataType.STRING && length.isEmpty()) {
      throw m.fail(
          "stringLength", "missing: string points need stringLength 1.." + Rules.MAX_STRING_LENGTH);
    }
    if (type != DataType.STRING && length.isPresent()) {
      throw m.fail(
          "stringLength", "stringLength applies only to string points, not " + type.yamlName());
    }
    MapReader.check(m, "stringLength", Rules.stringLength(type, length.orElse(0)));
    return length.orElse(0);
  }

  private static ByteWordOrder order(YamlMapping m, DataType type, ByteWordOrder defaultOrder) {
    Optional<ByteWordOrder> order = m.choice("order", ByteWordOrder.class);
    if (type == DataType.BOOL) {
      if (order.isPresent()) {
        throw m.fail("order", "order does not apply to bool points");
      }
      return ByteWordOrder.ABCD;
    }
    return order.orElse(defaultOrder);
  }

  private static double scaling(YamlMapping m, DataType type, String key, double neutral) {
    Optional<Double> value = m.number(key);
    if (value.isPresent() && !type.isScalable()) {
      throw m.fail(key, Rules.notScalable(type, key).orElseThrow());
    }
    return value.orElse(neutral);
  }

  private static String pollClass(YamlMapping m, Set<String> pollClasses) {
    Optional<String> pollClass = m.text("pollClass");
    if (pollClass.isEmpty() && !pollClasses.contains(Rules.DEFAULT_POLL_CLASS)) {
      throw m.fail(
          "pollClass",
          "missing, and the map defines no '"
              + Rules.DEFAULT_POLL_CLASS
              + "' poll class to default to; it defines "
              + String.join(", ", pollClasses));
    }
    String name = pollClass.orElse(Rules.DEFAULT_POLL_CLASS);
    MapReader.check(m, "pollClass", Rules.pollClass(name, pollClasses));
    return name;
  }
}
