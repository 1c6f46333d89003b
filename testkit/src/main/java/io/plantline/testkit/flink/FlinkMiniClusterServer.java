package io.plantline.testkit.flink;

import io.plantline.testkit.Credentials;
import io.plantline.testkit.EmbeddedServer;
import io.plantline.testkit.process.ServerStartException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A Flink MiniCluster in this JVM with its REST endpoint on a dynamic loopback port, for the demo
 * (tests use {@link FlinkMiniClusters#extension()}). Jobs are submitted to {@link #restAddress()}.
 */
public final class FlinkMiniClusterServer implements EmbeddedServer {
  private final MiniCluster cluster;
  private final URI restAddress;
  private final Duration startupTime;

  private FlinkMiniClusterServer(MiniCluster cluster, URI restAddress, Duration startupTime) {
    this.cluster = cluster;
    this.restAddress = restAddress;
    this.startupTime = startupTime;
  }

  public static FlinkMiniClusterServer start() {
    long begin = System.nanoTime();
    Configuration conf = FlinkMiniClusters.configuration();
    conf.set(RestOptions.BIND_PORT, "0");
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(FlinkMiniClusters.PARALLELISM)
                .build());
    try {
      cluster.start();
      URI rest = cluster.getRestAddress().get(60, TimeUnit.SECONDS);
      return new FlinkMiniClusterServer(cluster, rest, Duration.ofNanos(System.nanoTime() - begin));
    } catch (Exception e) {
      cluster.closeAsync();
      throw new ServerStartException("Flink MiniCluster did not start: " + e, e);
    }
  }

  public URI restAddress() {
    return restAddress;
  }

  public MiniCluster cluster() {
    return cluster;
  }

  @Override
  public String name() {
    return "flink";
  }

  @Override
  public Map<String, String> addresses() {
    return Map.of("rest", restAddress.toString());
  }

  @Override
  public Map<String, Credentials> credentials() {
    return Map.of();
  }

  @Override
  public Duration startupTime() {
    return startupTime;
  }

  @Override
  public void close() {
    try {
      cluster.closeAsync().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Flink MiniCluster did not stop cleanly", e);
    }
  }
}
