package io.plantline.console.app;

import io.plantline.console.domain.PasswordHash;
import io.plantline.console.domain.Role;
import io.plantline.console.domain.SiteScope;
import io.plantline.console.domain.UserAccount;
import io.plantline.contracts.Ids;
import io.plantline.ingestion.cli.OptionException;
import io.plantline.ingestion.cli.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code add-user}: adds a user to the users file, or replaces the user of that name, with a
 * PBKDF2-HMAC-SHA256 hash ({@value PasswordHash#ITERATIONS} iterations, random salt) of the
 * password read from {@code --password-file}. Creates the file (mode 0600) if it does not exist.
 */
@Command(
    name = "add-user",
    mixinStandardHelpOptions = true,
    description = "Add or replace a console user in the users file.")
public final class AddUserCommand implements Callable<Integer> {
  /** Shortest accepted password. */
  static final int MIN_PASSWORD = 12;

  @Option(names = "--users-file", required = true, description = "the users file")
  Path usersFile;

  @Option(names = "--username", required = true, description = "user name (an id)")
  String username;

  @Option(
      names = "--password-file",
      required = true,
      description = "file holding the password (at least " + MIN_PASSWORD + " characters)")
  Path passwordFile;

  @Option(
      names = "--role",
      required = true,
      description = "viewer, operator, maintenance or admin (repeatable)")
  List<String> roles = new ArrayList<>();

  @Option(names = "--site", required = true, description = "a site id, or * for all (repeatable)")
  List<String> sites = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    UserAccount account = account(System.getenv());
    List<UserAccount> users = new ArrayList<>();
    if (Files.exists(usersFile)) {
      users.addAll(OptionException.check("--users-file", () -> UsersFile.read(usersFile)));
    }
    boolean replaced = users.removeIf(u -> u.username().equals(account.username()));
    users.add(account);
    UsersFile.write(usersFile, users);
    System.out.println(
        "user "
            + account.username()
            + (replaced ? " replaced" : " added")
            + " (roles "
            + account.roles().stream().map(Role::wireName).toList()
            + ", sites "
            + account.sites().sites()
            + ") in "
            + usersFile);
    return 0;
  }

  /** The validated account. */
  UserAccount account(Map<String, String> env) {
    if (!Ids.isValid(username)) {
      throw new OptionException(
          "--username", "must be an id ([A-Za-z0-9][A-Za-z0-9._-]{0,63}), was " + username);
    }
    Set<Role> parsed = EnumSet.noneOf(Role.class);
    for (String r : roles) {
      parsed.add(OptionException.check("--role", () -> Role.parse(r)));
    }
    SiteScope scope = OptionException.check("--site", () -> SiteScope.of(sites));
    String password =
        new Secrets(env::get)
            .password(
                "--password-file", Optional.of(passwordFile), "--password-env", Optional.empty());
    if (password.length() < MIN_PASSWORD) {
      throw new OptionException(
          "--password-file", "the password must have at least " + MIN_PASSWORD + " characters");
    }
    PasswordHash hash = PasswordHash.create(password.toCharArray(), new SecureRandom());
    return new UserAccount(username, hash, parsed, scope);
  }
}
