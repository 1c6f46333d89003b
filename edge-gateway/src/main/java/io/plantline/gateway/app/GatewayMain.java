package io.plantline.gateway.app;

import io.plantline.gateway.app.config.ConfigException;
import io.plantline.gateway.app.config.GatewayConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./plantline gateway --config FILE}: runs an edge gateway until Ctrl-C or SIGTERM. */
@Command(
    name = "plantline gateway",
    mixinStandardHelpOptions = true,
    description =
        "Polls Modbus devices, journals their telemetry and forwards it over MQTT and/or Kafka.")
public final class GatewayMain implements Callable<Integer> {
  /** Printed once the gateway polls; scripts and tests wait for it. */
  public static final String READY_LINE = "Plantline gateway is running";

  @Option(names = "--config", required = true, description = "gateway YAML file")
  Path config;

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new GatewayMain());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            cmd.getErr().println("plantline gateway: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    System.exit(commandLine.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    GatewayConfig gatewayConfig = GatewayConfig.load(config);
    Vertx vertx = Vertx.vertx();
    GatewayRuntime runtime;
    try {
      runtime =
          GatewayRuntime.start(vertx, gatewayConfig)
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Wait for the stop (which closes the journal) while Vert.x still runs the
                  // callback: a callback chained after vertx.close() is never dispatched, and
                  // the hook then waited its full 30 s on every SIGTERM.
                  runtime.stop(vertx).onComplete(ar -> stopped.countDown());
                  try {
                    stopped.await(30, TimeUnit.SECONDS);
                    vertx
                        .close()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (java.util.concurrent.ExecutionException
                      | java.util.concurrent.TimeoutException e) {
                    // Vert.x did not confirm its close; the journal is already closed.
                  }
                },
                "plantline-gateway-shutdown"));
    System.out.printf(
        "%s: gateway %s, %d devices, boot epoch %d, operations on http://%s:%d (/health/ready, /metrics)%n",
        READY_LINE,
        gatewayConfig.gatewayId(),
        gatewayConfig.devices().size(),
        runtime.bootEpoch(),
        gatewayConfig.httpBind(),
        runtime.httpPort());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
