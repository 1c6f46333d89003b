package io.plantline.service.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.contracts.store.CassandraGrants;
import io.plantline.service.cli.OptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CassandraRolesMainTest {
  @TempDir Path dir;

  private CassandraRolesMain parse(String... args) {
    CassandraRolesMain main = new CassandraRolesMain();
    new CommandLine(main).parseArgs(args);
    return main;
  }

  private void writePasswords() throws Exception {
    for (CassandraGrants.Grant g : CassandraGrants.COMPONENTS) {
      Files.writeString(dir.resolve(g.role()), "pw-of-" + g.role() + "-it's-long\n");
    }
  }

  @Test
  void shouldCreateKeyspacesInTheDatacenterAndEveryRoleWithItsPasswordAndGrants() throws Exception {
    writePasswords();
    List<String> cql =
        parse(
                "--cassandra-datacenter",
                "dc1",
                "--cassandra-username",
                "plantline-superuser",
                "--cassandra-password-env",
                "SUPER",
                "--cassandra-replication-factor",
                "3",
                "--role-passwords-dir",
                dir.toString())
            .statements(Map.of("SUPER", "superuser-password")::get);

    assertThat(cql)
        .contains(
            "CREATE KEYSPACE IF NOT EXISTS plantline_history WITH replication ="
                + " {'class': 'NetworkTopologyStrategy', 'dc1': 3}",
            "CREATE ROLE IF NOT EXISTS plantline_query WITH PASSWORD ="
                + " 'pw-of-plantline_query-it''s-long' AND LOGIN = true",
            "GRANT SELECT ON KEYSPACE plantline_history TO plantline_query",
            "GRANT ALL PERMISSIONS ON KEYSPACE plantline_workorders TO plantline_scheduling");
    assertThat(cql.stream().filter(c -> c.startsWith("CREATE ROLE")))
        .hasSize(CassandraGrants.COMPONENTS.size());
    assertThat(String.join("\n", cql)).doesNotContain("superuser-password");
  }

  @Test
  void shouldRefuseAMissingOrShortRolePassword() throws Exception {
    writePasswords();
    Files.delete(dir.resolve("plantline_energy"));
    CassandraRolesMain missing = parse("--role-passwords-dir", dir.toString());
    assertThatThrownBy(() -> missing.statements(name -> null))
        .isInstanceOf(OptionException.class)
        .hasMessageContaining("cannot read " + dir.resolve("plantline_energy"));
    Files.writeString(dir.resolve("plantline_energy"), "short");
    assertThatThrownBy(() -> missing.statements(name -> null))
        .isInstanceOf(OptionException.class)
        .hasMessageContaining("at least 16 characters");
  }
}
