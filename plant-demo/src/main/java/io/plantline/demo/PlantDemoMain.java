package io.plantline.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./plantline demo}: the whole platform on this machine with a simulated plant, until Ctrl-C
 * or SIGTERM, when every component and server is stopped.
 */
@Command(
    name = "plantline demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs the servers, a simulated plant-small, an edge gateway, ingestion, the anomaly job,"
            + " the scheduling service and the console; stops them all on Ctrl-C.")
public final class PlantDemoMain implements Callable<Integer> {

  @Option(
      names = "--state-dir",
      defaultValue = ".plantline/demo",
      description = "secrets, logs and the gateway journal; default ${DEFAULT-VALUE}")
  Path stateDir;

  @Option(
      names = "--scenario",
      defaultValue = "simulators/scenarios/demo-overheat.yaml",
      description = "simulator scenario, or 'none'; default ${DEFAULT-VALUE}")
  String scenario;

  @Option(
      names = "--speed",
      defaultValue = "25",
      description = "simulated seconds per real second, 1..1000; default ${DEFAULT-VALUE}")
  double speed;

  @Option(
      names = "--console-port",
      defaultValue = "8088",
      description = "the console's port, 0 for any free one; default ${DEFAULT-VALUE}")
  int consolePort;

  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new PlantDemoMain());
    cmd.setParameterExceptionHandler(
        (e, a) -> {
          cmd.getErr().println("plantline demo: " + e.getMessage());
          return 2;
        });
    System.exit(cmd.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!(speed >= 1 && speed <= 1000)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--speed: must be 1..1000, was " + speed);
    }
    if (consolePort < 0 || consolePort > 65535) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--console-port: must be 0..65535, was " + consolePort);
    }
    Optional<Path> scenarioFile = Optional.empty();
    if (!"none".equals(scenario)) {
      Path file = Path.of(scenario).toAbsolutePath();
      if (!Files.isRegularFile(file)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--scenario: no such file " + file);
      }
      scenarioFile = Optional.of(file);
    }
    PlantDemo demo =
        new PlantDemo(
            new PlantDemo.Settings(Path.of("."), stateDir, scenarioFile, speed, consolePort));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping the Plantline demo...");
                  demo.close();
                  System.out.println("Stopped.");
                  stopped.countDown();
                },
                "plantline-demo-shutdown"));
    try {
      demo.start(System.out);
    } catch (Exception e) {
      System.err.println("plantline demo: " + e.getMessage());
      return 1; // the shutdown hook stops what was started
    }
    stopped.await();
    return 0;
  }
}
