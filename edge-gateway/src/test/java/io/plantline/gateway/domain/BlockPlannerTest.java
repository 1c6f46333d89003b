package io.plantline.gateway.domain;

import static io.plantline.gateway.domain.TestPoints.point;
import static io.plantline.gateway.domain.TestPoints.regs;
import static io.plantline.gateway.domain.TestPoints.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.plantline.registermap.ByteWordOrder;
import io.plantline.registermap.DataType;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterMaps;
import io.plantline.registermap.RegisterTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockPlannerTest {

  @Test
  void shouldMergeAdjacentPointsIntoOneBlock() {
    RegisterMap spindle = RegisterMaps.builtIn("motor-spindle");

    List<ReadBlock> blocks = BlockPlanner.plan(spindle.points(RegisterTable.INPUT_REGISTER), 0);

    assertThat(blocks).hasSize(1);
    ReadBlock block = blocks.get(0);
    assertThat(block.table()).isEqualTo(RegisterTable.INPUT_REGISTER);
    assertThat(block.offset()).isZero();
    assertThat(block.quantity()).isEqualTo(21);
    assertThat(block.points()).hasSize(8);
  }

  @Test
  void shouldMergeAcrossAGapOfExactlyMaxGapAndSplitBeyondIt() {
    List<PointDefinition> points =
        List.of(point("a", "hr:0", DataType.UINT16), point("b", "hr:5", DataType.UINT16));

    assertThat(BlockPlanner.plan(points, 4))
        .extracting(ReadBlock::offset, ReadBlock::quantity)
        .containsExactly(tuple(0, 6));
    assertThat(BlockPlanner.plan(points, 3))
        .extracting(ReadBlock::offset, ReadBlock::quantity)
        .containsExactly(tuple(0, 1), tuple(5, 1));
  }

  @Test
  void shouldSortPointsByAddressWhateverTheirInputOrder() {
    List<PointDefinition> points =
        List.of(
            point("c", "ir:4", DataType.FLOAT32),
            point("a", "ir:0", DataType.FLOAT32),
            point("b", "ir:2", DataType.FLOAT32));

    List<ReadBlock> blocks = BlockPlanner.plan(points, 0);

    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).points())
        .extracting(PointDefinition::name)
        .containsExactly("a", "b", "c");
  }

  @Test
  void shouldNeverExceed125RegistersPerBlock() {
    List<PointDefinition> points = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      points.add(point("r" + i, "hr:" + i, DataType.UINT16));
    }

    List<ReadBlock> blocks = BlockPlanner.plan(points, 8);

    assertThat(blocks)
        .extracting(ReadBlock::offset, ReadBlock::quantity)
        .containsExactly(tuple(0, 125), tuple(125, 5));
  }

  @Test
  void shouldNeverSplitAPointAcrossBlocks() {
    List<PointDefinition> points = new ArrayList<>();
    for (int i = 0; i < 61; i++) {
      points.add(point("f" + i, "ir:" + (2 * i), DataType.FLOAT32));
    }
    points.add(point("wide", "ir:122", DataType.FLOAT64));

    List<ReadBlock> blocks = BlockPlanner.plan(points, 0);

    assertThat(blocks)
        .extracting(ReadBlock::offset, ReadBlock::quantity)
        .containsExactly(tuple(0, 122), tuple(122, 4));
    assertThat(blocks.get(1).points()).extracting(PointDefinition::name).containsExactly("wide");
  }

  @Test
  void shouldNeverExceed2000BitsPerCoilBlock() {
    List<PointDefinition> coils = new ArrayList<>();
    for (int i = 0; i <= 2000; i++) {
      coils.add(point("c" + i, "coil:" + i, DataType.BOOL));
    }

    List<ReadBlock> blocks = BlockPlanner.plan(coils, 8);

    assertThat(blocks)
        .extracting(ReadBlock::offset, ReadBlock::quantity)
        .containsExactly(tuple(0, 2000), tuple(2000, 1));
  }

  @Test
  void shouldKeepTablesInSeparateBlocks() {
    List<PointDefinition> points =
        List.of(
            point("held", "hr:0", DataType.UINT16),
            point("input", "ir:0", DataType.UINT16),
            point("alarm", "di:0", DataType.BOOL),
            point("run", "coil:0", DataType.BOOL),
            point("input2", "ir:1", DataType.UINT16));

    List<ReadBlock> blocks = BlockPlanner.plan(points, 8);

    assertThat(blocks)
        .extracting(ReadBlock::table)
        .containsExactly(
            RegisterTable.COIL,
            RegisterTable.DISCRETE_INPUT,
            RegisterTable.INPUT_REGISTER,
            RegisterTable.HOLDING_REGISTER);
    assertThat(blocks.get(2).quantity()).isEqualTo(2);
  }

  @Test
  void shouldSizeBlocksFor64BitAndStringPoints() {
    List<PointDefinition> points =
        List.of(
            point("dimension", "ir:0", DataType.FLOAT64),
            point("energy", "ir:4", DataType.INT64),
            string("serial", "ir:8", 15));

    List<ReadBlock> blocks = BlockPlanner.plan(points, 0);

    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).quantity()).isEqualTo(16);
  }

  @Test
  void shouldDecodeGoldenRegistersToScaledValues() {
    List<PointDefinition> points =
        List.of(
            point("speed", "ir:0", DataType.FLOAT32),
            point("count", "ir:2", DataType.UINT32, ByteWordOrder.CDAB, 1.0),
            point("voltage", "ir:4", DataType.UINT16, ByteWordOrder.ABCD, 0.1),
            point("energy", "ir:5", DataType.INT64, ByteWordOrder.DCBA, 0.001),
            string("serial", "ir:9", 4),
            point("power", "ir:12", DataType.INT32, ByteWordOrder.ABCD, 0.001));
    ReadBlock block = BlockPlanner.plan(points, 1).get(0);
    short[] registers =
        regs(
            0x42F6, 0xE979, // 123.456f
            0x5E00, 0xB2D0, // 3_000_000_000 word-swapped
            2301, // 230.1 V
            0xCB04, 0xFB71, 0x1F01, 0x0000, // 1_234_567_890_123 little-endian
            0x5350, 0x3031, // "SP01", skipped
            0, // gap
            0xF8A4, 0x32EB); // -123_456_789

    Map<String, Double> values = block.decodeRegisters(registers);

    assertThat(values).containsOnlyKeys("speed", "count", "voltage", "energy", "power");
    assertThat(values.get("speed")).isCloseTo(123.456, within(1e-4));
    assertThat(values.get("count")).isEqualTo(3_000_000_000.0);
    assertThat(values.get("voltage")).isEqualTo(230.1);
    assertThat(values.get("energy")).isCloseTo(1_234_567_890.123, within(1e-6));
    assertThat(values.get("power")).isCloseTo(-123_456.789, within(1e-9));
  }

  @Test
  void shouldDecodeBitsOfACoilBlockIgnoringPadding() {
    List<PointDefinition> coils =
        List.of(point("run", "coil:3", DataType.BOOL), point("reset", "coil:5", DataType.BOOL));
    ReadBlock block = BlockPlanner.plan(coils, 1).get(0);

    Map<String, Double> values =
        block.decodeBits(new boolean[] {true, false, false, false, false, false, false, false});

    assertThat(block.offset()).isEqualTo(3);
    assertThat(block.quantity()).isEqualTo(3);
    assertThat(values).containsExactly(Map.entry("run", 1.0), Map.entry("reset", 0.0));
  }

  @Test
  void shouldRejectAResponseOfTheWrongLength() {
    ReadBlock block = BlockPlanner.plan(List.of(point("a", "ir:0", DataType.FLOAT32)), 0).get(0);

    assertThatThrownBy(() -> block.decodeRegisters(regs(0x42F6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 2 registers from 0, got 1");
    assertThatThrownBy(() -> block.decodeBits(new boolean[2]))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldRejectANegativeMaxGap() {
    assertThatThrownBy(() -> BlockPlanner.plan(List.of(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxGap must be at least 0, was -1");
  }

  @Test
  void shouldPlanNothingForNoPoints() {
    assertThat(BlockPlanner.plan(List.of(), 8)).isEmpty();
  }
}
