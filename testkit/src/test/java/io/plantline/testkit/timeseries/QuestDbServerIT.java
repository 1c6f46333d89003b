package io.plantline.testkit.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import com.influxdb.exceptions.UnauthorizedException;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServersExtension.class)
class QuestDbServerIT {

  @Test
  void shouldReadBackThroughSqlWhatInfluxClientWroteToTheV2WriteApi(QuestDbServer questdb) {
    Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    try (InfluxDBClient client = client(questdb, questdb.httpCredentials())) {
      client
          .getWriteApiBlocking()
          .writePoints(
              List.of(
                  point("press-1", t0, 71.5),
                  point("press-1", t0.plusSeconds(1), 72.25),
                  point("press-2", t0, 40.0)));
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> tableRows(questdb).size() == 3);
    List<Map<String, Object>> rows = tableRows(questdb);
    assertThat(rows)
        .extracting(r -> r.get("deviceId"), r -> ((Number) r.get("value")).doubleValue())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("press-1", 71.5),
            org.assertj.core.groups.Tuple.tuple("press-1", 72.25),
            org.assertj.core.groups.Tuple.tuple("press-2", 40.0));
    assertThat(rows.get(0).get("timestamp").toString()).startsWith("2026-11-25T10:00:00");
  }

  @Test
  void shouldRefuseWritesWithAWrongPassword(QuestDbServer questdb) {
    Credentials wrong = new Credentials(questdb.httpCredentials().username(), "wrong");
    try (InfluxDBClient client = client(questdb, wrong)) {
      assertThatThrownBy(
              () ->
                  client
                      .getWriteApiBlocking()
                      .writePoint(point("press-9", Instant.parse("2026-11-25T11:00:00Z"), 1.0)))
          .isInstanceOf(UnauthorizedException.class);
    }
  }

  private static List<Map<String, Object>> tableRows(QuestDbServer questdb) {
    try {
      return questdb.query(
          "SELECT deviceId, value, timestamp FROM testkit_winding_temperature ORDER BY deviceId, timestamp");
    } catch (IllegalStateException tableNotYetThere) {
      return List.of();
    }
  }

  private static Point point(String device, Instant at, double value) {
    return Point.measurement("testkit_winding_temperature")
        .addTag("deviceId", device)
        .addField("value", value)
        .time(at, WritePrecision.MS);
  }

  /**
   * QuestDB OSS authenticates HTTP with basic auth rather than InfluxDB tokens, so the client sends
   * an Authorization header through its OkHttp builder.
   */
  private static InfluxDBClient client(QuestDbServer questdb, Credentials credentials) {
    String authorization = QuestDbServer.basicAuthorization(credentials);
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Authorization", authorization)
                            .build()));
    return InfluxDBClientFactory.create(
        InfluxDBClientOptions.builder()
            .url(questdb.httpUrl())
            .org("plantline")
            .bucket("plantline")
            .okHttpClient(http)
            .build());
  }
}
