package io.plantline.service.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.plantline.contracts.store.CassandraGrants;
import io.plantline.service.cli.CassandraOptions;
import io.plantline.service.cli.OptionException;
import io.plantline.service.cli.ServiceCommandLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Creates the services' keyspaces, their login roles and their grants ({@link CassandraGrants}) as
 * the cluster's superuser, idempotently; run again it sets the roles' passwords again (rotation).
 * Each role's password is a file named after the role in {@code --role-passwords-dir} (in
 * Kubernetes a projected volume of one Secret per role). Runs as the Job {@code cassandra-roles}
 * before the services start; they then log in with their own roles, never the superuser.
 */
@Command(
    name = "plantline cassandra-roles",
    mixinStandardHelpOptions = true,
    description = "Create the services' Cassandra keyspaces, roles and grants.")
public final class CassandraRolesMain implements Callable<Integer> {
  @Mixin CassandraOptions cassandra = new CassandraOptions();

  @Option(
      names = "--role-passwords-dir",
      required = true,
      description = "directory with one file per role, named after it, holding its password")
  Path rolePasswords;

  public static void main(String[] args) {
    System.exit(
        ServiceCommandLine.execute(
            new CassandraRolesMain(),
            args,
            new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** The CQL this run executes, passwords included (never print it). */
  List<String> statements(java.util.function.UnaryOperator<String> environment) {
    return statements(cassandra.settings(environment, "system"));
  }

  private List<String> statements(CassandraSettings settings) {
    Map<String, String> passwords = passwords();
    return CassandraGrants.statements(
        "{'class': 'NetworkTopologyStrategy', '"
            + settings.localDatacenter().replace("'", "''")
            + "': "
            + settings.replicationFactor()
            + "}",
        passwords::get);
  }

  private Map<String, String> passwords() {
    Map<String, String> passwords = new LinkedHashMap<>();
    for (CassandraGrants.Grant grant : CassandraGrants.COMPONENTS) {
      Path file = rolePasswords.resolve(grant.role());
      String password;
      try {
        password = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new OptionException("--role-passwords-dir", "cannot read " + file);
      }
      if (password.length() < 16) {
        throw new OptionException(
            "--role-passwords-dir", file + ": the password must have at least 16 characters");
      }
      passwords.put(grant.role(), password);
    }
    return passwords;
  }

  @Override
  public Integer call() {
    CassandraSettings settings = cassandra.settings(System::getenv, "system");
    List<String> cql = statements(settings);
    try (CqlSession session = settings.openSession()) {
      for (String statement : cql) {
        session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(30)));
      }
    }
    System.out.println(
        "cassandra-roles: "
            + CassandraGrants.COMPONENTS.size()
            + " roles on "
            + CassandraGrants.COMPONENTS.stream()
                .map(CassandraGrants.Grant::keyspace)
                .distinct()
                .count()
            + " keyspaces ("
            + cql.size()
            + " statements)");
    return 0;
  }
}
