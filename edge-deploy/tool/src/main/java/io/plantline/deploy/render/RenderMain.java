package io.plantline.deploy.render;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./plantline deploy render --inventory plant.yaml --out dir/}: one overlay per edge node,
 * and the plant broker's access list ({@link BrokerAcl}).
 */
@Command(
    name = "plantline deploy render",
    mixinStandardHelpOptions = true,
    description =
        "Turns a plant inventory (sites, edge nodes, their Modbus devices) into one kustomize"
            + " overlay per edge node; apply one with kubectl apply -k OUT/<site>/<node>.")
public final class RenderMain implements Callable<Integer> {

  @Option(names = "--inventory", required = true, description = "plant inventory YAML")
  Path inventory;

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Option(
      names = "--base",
      defaultValue = "edge-deploy/k8s/base/edge-gateway",
      description = "the edge-gateway kustomize base; default ${DEFAULT-VALUE}")
  Path base;

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new RenderMain());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof InventoryException) {
            cmd.getErr().println("plantline deploy render: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    System.exit(commandLine.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(base.resolve("kustomization.yaml"))) {
      throw new InventoryException(
          "--base", base.toString(), "no kustomization.yaml there (run from the repository root)");
    }
    String text;
    try {
      text = Files.readString(inventory, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new InventoryException(inventory.toString(), "$", "cannot read the file");
    }
    Inventory plant = InventoryReader.read(text, inventory.toString());
    List<Path> overlays = new NodeOverlayWriter(base, out).write(plant);
    overlays.forEach(
        dir -> System.out.println("rendered " + dir + "  (kubectl apply -k " + dir + ")"));
    Path acl = BrokerAcl.write(plant, out);
    System.out.println(
        "rendered "
            + acl
            + "  (kubectl -n plantline create configmap mosquitto-acl --from-file=acl="
            + acl
            + ")");
    Path certificate = BrokerCertificate.write(plant, out);
    System.out.println(
        "rendered "
            + certificate
            + "  (the broker certificate's names: copy it over k8s/overlays/plant/mosquitto-tls.yaml)");
    return 0;
  }
}
