package io.plantline.testkit.bench;

import io.plantline.testkit.http.LoopbackHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One scrape of a Prometheus {@code /metrics} text exposition, read the way the benchmarks need it:
 * single values, sums over labels, JVM heap, and histogram quantiles over the interval between two
 * scrapes (Micrometer exports no summary quantiles beside a histogram).
 */
public final class PrometheusText {
  private final String text;

  public PrometheusText(String text) {
    this.text = text;
  }

  /** Scrapes {@code http://127.0.0.1:<port>/metrics}. */
  public static PrometheusText scrape(int port) throws IOException, InterruptedException {
    return new PrometheusText(
        LoopbackHttp.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  /** The whole exposition, as scraped. */
  public String text() {
    return text;
  }

  /** The value of the unlabelled series {@code name}, if present. */
  public OptionalDouble value(String name) {
    return text.lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(PrometheusText::sampleValue)
        .findFirst();
  }

  /** The sum over all series whose line starts with {@code prefix} (any labels). */
  public double sum(String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix) && !l.startsWith("#"))
        .mapToDouble(PrometheusText::sampleValue)
        .sum();
  }

  /** JVM heap in use, MiB ({@code jvm_memory_used_bytes{area="heap",...}} summed). */
  public double heapMib() {
    return sum("jvm_memory_used_bytes{area=\"heap\"") / (1024 * 1024);
  }

  /** Per second, the growth of the unlabelled series {@code name} since {@code earlier}. */
  public String rate(PrometheusText earlier, String name, double seconds) {
    OptionalDouble start = earlier.value(name);
    OptionalDouble end = value(name);
    if (start.isEmpty() || end.isEmpty()) {
      return "n/a";
    }
    return String.format("%.0f", (end.getAsDouble() - start.getAsDouble()) / seconds);
  }

  /**
   * The upper bound, in ms, of the histogram bucket holding {@code quantile} of what the histogram
   * {@code name} (in seconds) recorded since {@code earlier} (an empty text: since start), as
   * {@code "<= 12"}; "n/a" when nothing was recorded.
   */
  public String quantileMillis(PrometheusText earlier, String name, double quantile) {
    List<double[]> start = earlier.buckets(name);
    List<double[]> end = buckets(name);
    if (end.isEmpty()) {
      return "n/a";
    }
    double total = end.get(end.size() - 1)[1] - countAt(start, end.size() - 1);
    if (total <= 0) {
      return "n/a";
    }
    for (int i = 0; i < end.size(); i++) {
      if (end.get(i)[1] - countAt(start, i) >= quantile * total) {
        double le = end.get(i)[0];
        return Double.isInfinite(le) ? "> max bucket" : String.format("<= %.0f", le * 1000);
      }
    }
    return "n/a";
  }

  private static double countAt(List<double[]> buckets, int i) {
    return i < buckets.size() ? buckets.get(i)[1] : 0;
  }

  /** (upper bound, cumulative count) of each {@code _bucket} line of {@code name}. */
  private List<double[]> buckets(String name) {
    String prefix = name + "_bucket{le=\"";
    List<double[]> buckets = new ArrayList<>();
    text.lines()
        .filter(l -> l.startsWith(prefix))
        .forEach(
            l -> {
              String le = l.substring(prefix.length(), l.indexOf('"', prefix.length()));
              buckets.add(
                  new double[] {
                    le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                    sampleValue(l)
                  });
            });
    return buckets;
  }

  private static double sampleValue(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
