package io.plantline.demo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployable of the demo, run as its own JVM from its module's class path.
 *
 * @param name short name, also the log file's name
 * @param module the Maven module whose {@code target/classes} and {@code target/runtime.classpath}
 *     form the class path
 * @param mainClass the main class
 * @param heap the maximum heap, for example {@code 256m}
 * @param args the command line
 * @param readyUrl an HTTP URL that answers 200 once the component is ready, if it has one
 * @param readyLine a line its log prints once it is ready, if it has no ready URL
 */
record Component(
    String name,
    String module,
    String mainClass,
    String heap,
    List<String> args,
    Optional<String> readyUrl,
    Optional<String> readyLine) {

  Component {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(mainClass, "mainClass");
    args = List.copyOf(args);
    if (readyUrl.isEmpty() && readyLine.isEmpty()) {
      throw new IllegalArgumentException(name + ": needs a ready URL or a ready line");
    }
  }

  /** The same component with another command line. */
  Component withArgs(List<String> newArgs) {
    return new Component(name, module, mainClass, heap, newArgs, readyUrl, readyLine);
  }

  static Component readyAt(
      String name, String module, String mainClass, String heap, List<String> args, String url) {
    return new Component(name, module, mainClass, heap, args, Optional.of(url), Optional.empty());
  }

  static Component readyWhenLogged(
      String name, String module, String mainClass, String heap, List<String> args, String line) {
    return new Component(name, module, mainClass, heap, args, Optional.empty(), Optional.of(line));
  }
}
