package io.plantline.simulators.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code --served-counter} option on the command line: help and one-line start-up errors. */
class SimulatorMainTest {
  @TempDir Path dir;

  @Test
  void shouldListTheServedCounterOptionInTheHelp() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = SimulatorMain.commandLine();
    commandLine.setOut(new PrintWriter(out));

    assertThat(commandLine.execute("--help")).isZero();
    assertThat(out.toString()).contains("--served-counter=ADDRESS", "/api/v1/ledger");
  }

  @Test
  void shouldWriteANewControlTokenOwnerOnlyAndReadTheSameOneNextTime() throws Exception {
    Path file = dir.resolve("secrets").resolve("simulator-control.key");

    String first = SimulatorMain.tokenFromFile(file);

    assertThat(first).hasSizeGreaterThanOrEqualTo(32);
    assertThat(java.nio.file.Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(SimulatorMain.tokenFromFile(file)).isEqualTo(first);
  }

  @Test
  void shouldRefuseATooShortControlToken() throws Exception {
    Path file = Files.writeString(dir.resolve("short.key"), "abc\n");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulatorMain.tokenFromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter than 16");
  }

  @Test
  void shouldFailStartUpWithOneLineWhenTheAddressIsOutOfRange() throws Exception {
    assertThat(run("--served-counter", "65535"))
        .isEqualTo(
            "plantline simulate: --served-counter must be an input-register address 0..65534"
                + " (it takes ADDRESS and ADDRESS+1), was 65535\n");
  }

  @Test
  void shouldFailStartUpWithOneLineWhenADeviceMapUsesTheAddress() throws Exception {
    assertThat(run("--served-counter", "0"))
        .startsWith(
            "plantline simulate: sites[0].areas[0].devices[0] (spindle): --served-counter 0:"
                + " input registers 0..1 of the served-read counter collide with point '")
        .contains("of register map motor-spindle (input registers 0..")
        .endsWith(" or more\n")
        .hasLineCount(1);
  }

  private String run(String... extra) throws Exception {
    Path plant = dir.resolve("plant.yaml");
    Files.writeString(
        plant,
        """
        plant: p
        sites:
          - id: s
            areas:
              - id: a
                devices:
                  - {id: spindle, model: motor-spindle}
        """);
    StringWriter err = new StringWriter();
    CommandLine commandLine = SimulatorMain.commandLine();
    commandLine.setErr(new PrintWriter(err));
    String[] args = new String[extra.length + 2];
    args[0] = "--plant";
    args[1] = plant.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);

    assertThat(commandLine.execute(args)).isEqualTo(1);
    return err.toString().replace(System.lineSeparator(), "\n");
  }
}
