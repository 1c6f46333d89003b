package io.plantline.ingestion.app;

import io.plantline.ingestion.cli.OptionException;
import io.plantline.ingestion.query.QueryApiCommand;
import io.plantline.ingestion.store.WritersCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./plantline ingest <command>}: the ingestion processes. Each subcommand is a class
 * implementing {@code Callable<Integer>} with a picocli {@code @Command}; adding one is one line in
 * {@code subcommands} below. A wrong option value stops start-up with one line naming the option
 * (exit status 2); {@link OptionException} and picocli's own parameter errors are both reported
 * that way.
 */
@Command(
    name = "plantline ingest",
    mixinStandardHelpOptions = true,
    description = "Plantline ingestion: MQTT→Kafka bridge, Kafka→store writers, query API.",
    subcommands = {
      BridgeCommand.class,
      WritersCommand.class,
      QueryApiCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class IngestionMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.err, true)));
  }

  /** Runs a command with errors printed to {@code err}; returns the exit status. */
  public static int execute(String[] args, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new IngestionMain());
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

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
