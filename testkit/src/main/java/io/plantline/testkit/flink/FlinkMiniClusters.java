package io.plantline.testkit.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * Flink MiniClusters sized for this project's tests: one TaskManager with two slots, so jobs run at
 * parallelism 2 as the conventions ask, with small managed memory for a 2-core machine.
 */
public final class FlinkMiniClusters {
  public static final int PARALLELISM = 2;

  private FlinkMiniClusters() {}

  /**
   * A JUnit 5 extension; register it with {@code @RegisterExtension static final
   * MiniClusterExtension FLINK = FlinkMiniClusters.extension();}. {@code
   * StreamExecutionEnvironment.getExecutionEnvironment()} then submits to it.
   */
  public static MiniClusterExtension extension() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(configuration())
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .build());
  }

  /** Settings shared by the test extension and the demo's cluster. */
  public static Configuration configuration() {
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(32));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(32));
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    return conf;
  }
}
