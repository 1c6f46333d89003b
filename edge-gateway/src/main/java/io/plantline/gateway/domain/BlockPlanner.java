package io.plantline.gateway.domain;

import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans the Modbus reads of one poll class: the fewest contiguous blocks that cover its points.
 *
 * <p>Points are grouped by table and sorted by address; a point joins the open block while the gap
 * of unused registers before it is at most {@code maxGap} and the block stays within one request
 * ({@value ReadBlock#MAX_REGISTERS} registers, {@value ReadBlock#MAX_BITS} bits). A point is never
 * split across blocks. Extending each block as far as the rules allow gives the fewest blocks,
 * because any run of points that fits one block still fits when shortened.
 */
public final class BlockPlanner {

  private BlockPlanner() {}

  /**
   * Coalesces points of one poll class into the fewest blocks: same table, sorted by address,
   * merged while the gap between them is <= maxGap registers and the block stays <= 125 registers
   * (2000 bits for coil/DI). A point is never split across blocks.
   *
   * @param points the points to read, any order; usually those of one poll class
   * @param maxGap the most unused registers (or bits) read to join two points, at least 0
   * @return blocks ordered by table (coils, discrete inputs, input, holding registers), then offset
   */
  public static List<ReadBlock> plan(List<PointDefinition> points, int maxGap) {
    Objects.requireNonNull(points, "points");
    if (maxGap < 0) {
      throw new IllegalArgumentException("maxGap must be at least 0, was " + maxGap);
    }
    Map<RegisterTable, List<PointDefinition>> byTable = new EnumMap<>(RegisterTable.class);
    for (PointDefinition point : points) {
      byTable.computeIfAbsent(point.address().table(), t -> new ArrayList<>()).add(point);
    }
    List<ReadBlock> blocks = new ArrayList<>();
    byTable.forEach((table, tablePoints) -> blocks.addAll(planTable(table, tablePoints, maxGap)));
    return List.copyOf(blocks);
  }

  private static List<ReadBlock> planTable(
      RegisterTable table, List<PointDefinition> points, int maxGap) {
    List<PointDefinition> sorted = new ArrayList<>(points);
    sorted.sort(
        Comparator.comparingInt((PointDefinition p) -> p.address().offset())
            .thenComparingInt(PointDefinition::registerCount));
    int limit = ReadBlock.maxQuantity(table);
    List<ReadBlock> blocks = new ArrayList<>();
    List<PointDefinition> open = new ArrayList<>();
    int start = 0;
    int end = 0;
    for (PointDefinition point : sorted) {
      int pointStart = point.address().offset();
      int pointEnd = pointStart + point.registerCount();
      boolean joins =
          !open.isEmpty() && pointStart - end <= maxGap && Math.max(end, pointEnd) - start <= limit;
      if (!joins) {
        if (!open.isEmpty()) {
          blocks.add(new ReadBlock(table, start, end - start, open));
        }
        open = new ArrayList<>();
        start = pointStart;
        end = pointStart;
      }
      open.add(point);
      end = Math.max(end, pointEnd);
    }
    if (!open.isEmpty()) {
      blocks.add(new ReadBlock(table, start, end - start, open));
    }
    return blocks;
  }
}
