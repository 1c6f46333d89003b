package io.plantline.console.app;

import io.plantline.console.domain.PasswordHash;
import io.plantline.console.domain.Role;
import io.plantline.console.domain.SiteScope;
import io.plantline.console.domain.UserAccount;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The users file: JSON {@code {"users": [{"username", "password", "roles": [...], "sites":
 * [...]}]}} where {@code password} is a {@link PasswordHash} ({@code pbkdf2-sha256$...}), roles are
 * viewer, operator, maintenance or admin and sites are site ids or {@code *} (every site). Written
 * by {@code add-user} atomically with mode 0600.
 */
public final class UsersFile {
  private UsersFile() {}

  /**
   * Reads and validates the file.
   *
   * @throws IllegalArgumentException naming the file and the wrong entry
   */
  public static List<UserAccount> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    JsonArray users;
    try {
      users = new JsonObject(text).getJsonArray("users");
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException(file + ": not a JSON object with a users list");
    }
    if (users == null) {
      throw new IllegalArgumentException(file + ": no users list");
    }
    List<UserAccount> accounts = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      try {
        accounts.add(account(users.getJsonObject(i)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + ": users[" + i + "]: " + e.getMessage());
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (UserAccount a : accounts) {
      if (!names.add(a.username())) {
        throw new IllegalArgumentException(file + ": user " + a.username() + " is listed twice");
      }
    }
    return accounts;
  }

  /** Writes {@code accounts} to {@code file} (replaced atomically, mode 0600). */
  public static void write(Path file, List<UserAccount> accounts) throws IOException {
    JsonArray users = new JsonArray();
    for (UserAccount a : accounts) {
      users.add(
          new JsonObject()
              .put("username", a.username())
              .put("password", a.password().encoded())
              .put("roles", new JsonArray(a.roles().stream().map(Role::wireName).toList()))
              .put("sites", new JsonArray(List.copyOf(a.sites().sites()))));
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, new JsonObject().put("users", users).encodePrettily() + "\n");
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static UserAccount account(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("not an object");
    }
    String username = json.getString("username");
    PasswordHash hash = PasswordHash.parse(json.getString("password"));
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object r : list(json, "roles")) {
      roles.add(Role.parse(String.valueOf(r)));
    }
    List<String> sites = new ArrayList<>();
    list(json, "sites").forEach(s -> sites.add(String.valueOf(s)));
    return new UserAccount(username, hash, roles, SiteScope.of(sites));
  }

  private static JsonArray list(JsonObject json, String field) {
    JsonArray value = json.getJsonArray(field);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " must be a non-empty list");
    }
    return value;
  }
}
