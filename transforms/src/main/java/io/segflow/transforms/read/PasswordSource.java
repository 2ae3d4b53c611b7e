// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.beam.sdk.options.ValueProvider;

/**
 * A database password named by where it is kept, an environment variable or a file, and read only
 * when a connection is opened. The pipeline graph, which Beam serializes and may ship to workers,
 * thus carries the variable's name or the file's path, never the password; {@link #toString()}
 * shows only that name.
 */
public final class PasswordSource implements ValueProvider<String>, Serializable {
  private final String environmentVariable;
  private final String file;

  private PasswordSource(String environmentVariable, String file) {
    this.environmentVariable = environmentVariable;
    this.file = file;
  }

  public static PasswordSource fromEnvironment(String variable) {
    if (variable == null || variable.isBlank()) {
      throw new IllegalArgumentException("the environment variable's name is empty");
    }
    return new PasswordSource(variable, null);
  }

  public static PasswordSource fromFile(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("the password file's path is empty");
    }
    return new PasswordSource(null, path);
  }

  /** Where the password is kept, for messages: "environment variable X" or "file F". */
  public String describe() {
    return environmentVariable != null
        ? "environment variable " + environmentVariable
        : "file " + file;
  }

  /** Throws, naming the variable or file, when the password cannot be read here. */
  public void check() {
    get();
  }

  /** The password; a file's trailing line break is not part of it. */
  @Override
  public String get() {
    if (environmentVariable != null) {
      String value = System.getenv(environmentVariable);
      if (value == null) {
        throw new IllegalStateException(
            "the password's environment variable "
                + environmentVariable
                + " is not set; export it before running segflow");
      }
      return value;
    }
    try {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      return text.endsWith("\r\n")
          ? text.substring(0, text.length() - 2)
          : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the password file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); check that it exists and is readable by this user",
          e);
    }
  }

  @Override
  public boolean isAccessible() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordSource p
        && Objects.equals(environmentVariable, p.environmentVariable)
        && Objects.equals(file, p.file);
  }

  @Override
  public int hashCode() {
    return Objects.hash(environmentVariable, file);
  }

  @Override
  public String toString() {
    return "password from " + describe();
  }
}
