package io.plantline.testkit.cassandra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Generates {@code cassandra.yaml}, the logback config and the JVM options of the forked node. */
final class CassandraConfig {
  private CassandraConfig() {}

  static String yaml(Path dir, int storagePort, int nativePort) {
    return String.join(
        "\n",
        "cluster_name: plantline",
        "num_tokens: 1",
        "allocate_tokens_for_local_replication_factor: 1",
        "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
        "authenticator: PasswordAuthenticator",
        "authorizer: CassandraAuthorizer",
        "role_manager: CassandraRoleManager",
        "network_authorizer: AllowAllNetworkAuthorizer",
        // Cached for 2 s: with no cache every statement re-reads system_auth (a writer managed
        // about 130 rows/s that way); a wrong password is still refused, a new role is a miss.
        "roles_validity: 2000ms",
        "permissions_validity: 2000ms",
        "credentials_validity: 2000ms",
        "data_file_directories:",
        "  - " + dir.resolve("data"),
        "commitlog_directory: " + dir.resolve("commitlog"),
        "saved_caches_directory: " + dir.resolve("saved_caches"),
        "hints_directory: " + dir.resolve("hints"),
        "cdc_raw_directory: " + dir.resolve("cdc_raw"),
        "commitlog_sync: periodic",
        "commitlog_sync_period: 10000ms",
        "commitlog_segment_size: 8MiB",
        "seed_provider:",
        "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
        "    parameters:",
        "      - seeds: \"127.0.0.1:" + storagePort + "\"",
        "listen_address: 127.0.0.1",
        "rpc_address: 127.0.0.1",
        "storage_port: " + storagePort,
        "native_transport_port: " + nativePort,
        "start_native_transport: true",
        "endpoint_snitch: SimpleSnitch",
        "auto_snapshot: false",
        "snapshot_on_duplicate_row_detection: false",
        "concurrent_reads: 8",
        "concurrent_writes: 8",
        "concurrent_counter_writes: 4",
        "memtable_heap_space: 64MiB",
        "memtable_offheap_space: 64MiB",
        "key_cache_size: 8MiB",
        "dynamic_snitch: false",
        "incremental_backups: false",
        "materialized_views_enabled: false",
        "sasi_indexes_enabled: true",
        "");
  }

  static String logback() {
    return String.join(
        "\n",
        "<configuration>",
        "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{20} %msg%n</pattern></encoder>",
        "  </appender>",
        "  <logger name=\"org.apache.cassandra.service.CassandraDaemon\" level=\"INFO\"/>",
        "  <logger name=\"org.apache.cassandra.transport\" level=\"INFO\"/>",
        "  <root level=\"WARN\"><appender-ref ref=\"STDOUT\"/></root>",
        "</configuration>",
        "");
  }

  static List<String> jvmOptions(Path dir, String heap) {
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of(
            "-Xms" + heap,
            "-Xmx" + heap,
            "-Xss256k",
            "-XX:+UseG1GC",
            "-XX:+ParallelRefProcEnabled",
            "-XX:MaxTenuringThreshold=1",
            "-Djava.awt.headless=true",
            "-Dcassandra-foreground=yes",
            "-Dcassandra.config=" + dir.resolve("cassandra.yaml").toUri(),
            "-Dcassandra.storagedir=" + dir,
            "-Dcassandra.logdir=" + dir.resolve("logs"),
            "-Dlogback.configurationFile=" + dir.resolve("logback.xml").toUri(),
            // Single node on loopback: nothing to gossip with, no reason to wait.
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-Dcassandra.ring_delay_ms=100",
            "-Dcassandra.superuser_setup_delay_ms=0",
            "-Dcassandra.native.epoll.enabled=true",
            "-Djdk.attach.allowAttachSelf=true",
            "-Dio.netty.tryReflectionSetAccessible=true"));
    // From Cassandra's conf/jvm17-server.options: the module access Cassandra 5 needs on Java 17.
    for (String export :
        List.of(
            "java.base/jdk.internal.misc",
            "java.management.rmi/com.sun.jmx.remote.internal.rmi",
            "java.rmi/sun.rmi.registry",
            "java.rmi/sun.rmi.server",
            "java.sql/java.sql",
            "java.base/java.lang.ref",
            "jdk.unsupported/sun.misc",
            "jdk.compiler/com.sun.tools.javac.file",
            "jdk.attach/sun.tools.attach")) {
      options.add("--add-exports");
      options.add(export + "=ALL-UNNAMED");
    }
    for (String open :
        List.of(
            "java.base/java.lang.module",
            "java.base/jdk.internal.loader",
            "java.base/jdk.internal.ref",
            "java.base/jdk.internal.reflect",
            "java.base/jdk.internal.math",
            "java.base/jdk.internal.module",
            "java.base/jdk.internal.util.jar",
            "jdk.management/com.sun.management.internal",
            "java.base/sun.nio.ch",
            "java.base/java.io",
            "java.base/java.lang.reflect",
            "jdk.compiler/com.sun.tools.javac",
            "java.base/java.lang",
            "java.base/java.util")) {
      options.add("--add-opens");
      options.add(open + "=ALL-UNNAMED");
    }
    return options;
  }
}
