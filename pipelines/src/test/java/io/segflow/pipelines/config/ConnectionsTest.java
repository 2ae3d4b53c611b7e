// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

/** Where a database password may come from (no server needed). */
public class ConnectionsTest {
  private static JdbcInputConfig config(String url) {
    JdbcInputConfig c = new JdbcInputConfig();
    c.url = url;
    c.user = "segflow";
    c.passwordEnv = "PATH"; // set in every environment
    return c;
  }

  @Test
  public void aPasswordInsideTheUrlIsRefused() {
    for (String url :
        List.of(
            "jdbc:postgresql://db/shop?user=a&password=hunter2",
            "jdbc:postgresql://db/shop?ssl=true&PASSWORD=hunter2",
            "jdbc:postgresql://a:hunter2@db/shop")) {
      ConfigException e =
          assertThrows(ConfigException.class, () -> Connections.of("input.jdbc", config(url)));
      assertThat(
          e.getMessage(),
          allOf(
              containsString("must not contain a password"),
              containsString("input.jdbc.password_env"),
              not(containsString("hunter2"))));
    }
    assertThat(
        Connections.of("input.jdbc", config("jdbc:postgresql://db:5432/shop")).driver(),
        equalTo("org.postgresql.Driver"));
  }

  @Test
  public void oneSourceOfPasswordAtMostAndItMustExist() {
    JdbcInputConfig both = config("jdbc:postgresql://db/shop");
    both.passwordFile = "/etc/hostname";
    assertThat(
        assertThrows(ConfigException.class, () -> Connections.of("input.jdbc", both)).getMessage(),
        containsString("not both"));
    JdbcInputConfig unset = config("jdbc:postgresql://db/shop");
    unset.passwordEnv = "SEGFLOW_SURELY_UNSET_VARIABLE";
    assertThat(
        assertThrows(ConfigException.class, () -> Connections.of("input.jdbc", unset)).getMessage(),
        containsString("SEGFLOW_SURELY_UNSET_VARIABLE is not set"));
  }

  @Test
  public void passwordFlagsAreRefused() {
    for (String flag : List.of("--password=hunter2", "--db-password", "-password")) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> Connections.rejectPasswordFlags(List.of("--targetParallelism=2", flag)));
      assertThat(
          e.getMessage(),
          allOf(
              containsString("not accepted on the command line"), not(containsString("hunter2"))));
    }
    Connections.rejectPasswordFlags(List.of("--targetParallelism=2", "--flinkMaster=[local]"));
  }

  @Test
  public void aPasswordKeyInTheConfigIsRefused() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "input:\n  jdbc:\n    url: jdbc:postgresql://db/shop\n    password: hunter2\n",
                    "t.yaml"));
    assertThat(
        e.getMessage(), allOf(containsString("password_env"), not(containsString("hunter2"))));
  }
}
