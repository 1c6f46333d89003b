package io.plantline.stream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.AlarmStatus;
import io.plantline.stream.domain.MetricHistory;
import io.plantline.stream.domain.OperatorCommand;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSignal;
import io.plantline.stream.domain.RuleState;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every type that crosses an operator or lives in state is a Flink POJO: no Kryo anywhere. */
class SerializationTest {

  static List<Class<?>> types() {
    return List.of(
        Reading.class,
        RuleSignal.class,
        AlarmRecord.class,
        OperatorCommand.class,
        RawRecord.class,
        DecodedTelemetry.class,
        EncodedEvent.class,
        LateReading.class,
        RuleState.class,
        MetricHistory.class,
        AlarmStatus.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void shouldBeAPojoWithoutGenericFields(Class<?> type) {
    SerializerConfigImpl noGenerics = new SerializerConfigImpl();
    noGenerics.setGenericTypes(false);
    TypeInformation<?> info = TypeInformation.of(type);

    assertThat(info).isInstanceOf(PojoTypeInfo.class).isNotInstanceOf(GenericTypeInfo.class);
    PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
    for (int i = 0; i < pojo.getArity(); i++) {
      assertThat(pojo.getPojoFieldAt(i).getTypeInformation())
          .as("%s.%s", type.getSimpleName(), pojo.getPojoFieldAt(i).getField().getName())
          .isNotInstanceOf(GenericTypeInfo.class);
    }
    // Creating the serializer with generic types disabled throws if anything would need Kryo.
    TypeSerializer<?> serializer = info.createSerializer(noGenerics);
    assertThat(serializer).isNotInstanceOf(KryoSerializer.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldRoundTripThroughItsSerializer(Object sample) throws Exception {
    @SuppressWarnings("unchecked")
    TypeSerializer<Object> serializer =
        (TypeSerializer<Object>)
            TypeInformation.of(sample.getClass()).createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(sample, out);
    Object back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(back).usingRecursiveComparison().isEqualTo(sample);
  }

  static List<Object> samples() {
    MetricHistory h = new MetricHistory();
    h.add(1000, 2.5, 1000, 60_000);
    h.add(2500, 3.5, 1000, 60_000);
    RuleState s = new RuleState();
    s.active = true;
    s.times = new long[] {1, 2, 3};
    AlarmStatus st = new AlarmStatus();
    st.alarmId = "alm-1";
    st.severity = AlarmSeverity.HIGH;
    st.evidence = Map.of("x.mean", 1.5);
    return List.of(
        new AlarmRecord(
            "alm-1",
            1,
            "d",
            "s",
            "a",
            "r",
            AlarmSeverity.CRITICAL,
            AlarmState.RAISED,
            5L,
            "m",
            Map.of("k", 1.0),
            true),
        new RuleSignal(
            "d", "s", "a", "r", true, 5L, AlarmSeverity.LOW, 1, 2, "m", Map.of("k", 2.0)),
        new EncodedEvent("k", new byte[] {1, 2}, Map.of("h", "v")),
        new LateReading(new Reading("d", "s", "a", "m", 1.5, Quality.UNCERTAIN, 7L), 9L),
        new DecodedTelemetry(
            List.of(new Reading("d", "s", "a", "m", 1.5, Quality.GOOD, 7L)), null, 7L),
        new DecodedTelemetry(
            List.of(), new EncodedEvent("k", new byte[] {3}, Map.of("r", "bad")), Long.MIN_VALUE),
        h,
        s,
        st);
  }
}
