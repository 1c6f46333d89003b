package io.plantline.service.cli;

import io.plantline.service.http.ApiTokens;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * What the mains of the plant-side services share: picocli with one-line errors (exit status 2
 * naming the option), the validation of the options every service has (HTTP listener, API token
 * key, lanes), and running until the JVM is asked to stop.
 */
public final class ServiceCommandLine {
  private ServiceCommandLine() {}

  /**
   * Runs a picocli command: a bad option or an {@link IllegalArgumentException} from the command
   * (an {@link OptionException}) prints one line {@code <command>: <problem>} to {@code err} and
   * gives exit status 2.
   */
  public static int execute(Object command, String[] args, PrintWriter err) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          e.getCommandLine()
              .getErr()
              .println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage());
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof IllegalArgumentException) {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return commandLine.execute(args);
  }

  /** The value of {@code --http-port}: 0 (any free port) to 65535. */
  public static int httpPort(String text) {
    int port = OptionException.check("--http-port", () -> Integer.parseInt(text.strip()));
    if (port < 0 || port > 65535) {
      throw new OptionException("--http-port", "must be 0..65535, was " + text);
    }
    return port;
  }

  /** The value of {@code --http-host}, not blank. */
  public static String httpHost(String text) {
    if (text == null || text.isBlank()) {
      throw new OptionException("--http-host", "must not be blank");
    }
    return text;
  }

  /** The value of a lanes option such as {@code --concurrency}: 1 to 256. */
  public static int lanes(String option, String text) {
    int lanes = OptionException.check(option, () -> Integer.parseInt(text.strip()));
    if (lanes < 1 || lanes > 256) {
      throw new OptionException(option, "must be 1..256, was " + text);
    }
    return lanes;
  }

  /**
   * The API token key from {@code --jwt-key-file}, else from the variable named by {@code
   * --jwt-key-env}; at least {@link ApiTokens#MIN_BYTES} bytes.
   */
  public static ApiTokens apiTokens(
      UnaryOperator<String> environment, Path keyFile, String keyEnv) {
    boolean hasFile = keyFile != null && !keyFile.toString().isBlank();
    String secret =
        new Secrets(environment)
            .optional("--jwt-key-file", keyFile, "--jwt-key-env", hasFile ? null : keyEnv)
            .orElseThrow(
                () ->
                    new OptionException(
                        "--jwt-key-file",
                        "an HS256 key is required (--jwt-key-file or --jwt-key-env)"));
    return OptionException.check(
        hasFile ? "--jwt-key-file" : "--jwt-key-env", () -> ApiTokens.hs256(secret));
  }

  /**
   * Prints the ready line, then blocks until the JVM is asked to stop (SIGTERM, Ctrl-C) and closes
   * the service from the shutdown hook.
   */
  public static void runUntilStopped(AutoCloseable service, String readyLine, String threadName)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    System.err.println(threadName + ": stopping failed: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                threadName));
    System.out.println(readyLine);
    System.out.flush();
    stopped.await();
  }
}
