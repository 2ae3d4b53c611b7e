// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.docs;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.segflow.pipelines.cli.SegflowCli;
import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.ConfigLoader;
import io.segflow.pipelines.config.SegflowConfig;
import io.segflow.transforms.rows.RejectReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The reference tables in docs/ against the code they describe, so that neither can change alone.
 *
 * <p>How the Markdown is read (kept simple on purpose; follow it when editing the docs):
 *
 * <ul>
 *   <li>A <b>table</b> is a run of lines starting with {@code |}; its first line is the header and
 *       its first header cell names the table: {@code key}, {@code flag}, {@code exit code} or
 *       {@code reason}. Other tables are ignored.
 *   <li>A <b>row</b>'s first cell holds what the row documents, written as code spans: one config
 *       key ({@code `input.paths`}), one or more flags ({@code `-i`, `--input PATH`}: the flag is
 *       the span's first word), one reason code ({@code `blank_line`}); an exit code is a plain
 *       number.
 *   <li>Flag tables belong to the commands named by code spans {@code `segflow NAME`} in the
 *       closest {@code ###} heading above them.
 * </ul>
 *
 * <p>A failure lists what is missing on each side, e.g. {@code config keys the loader knows but
 * docs/configuration.md does not list: [output.foo]}: add a row for it to the right table.
 */
public class DocsMatchCodeTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
  private static final Pattern COMMAND = Pattern.compile("`segflow ([a-z-]+)`");

  /** A Markdown table: the heading it sits under, its header cells and its rows' cells. */
  private record Table(String heading, List<String> header, List<List<String>> rows) {}

  @Test
  public void everyConfigKeyTheLoaderKnowsIsDocumentedAndNoOther() {
    Set<String> leaves = loaderKeys(false);
    Set<String> documented = new TreeSet<>();
    for (Table t : tables("configuration.md", "key")) {
      for (List<String> row : t.rows()) {
        documented.add(onlyCodeSpan(row.get(0)));
      }
    }
    Set<String> undocumented = minus(leaves, documented);
    Set<String> unknown = minus(documented, loaderKeys(true));
    assertThat(
        "config keys the loader knows but docs/configuration.md does not list",
        undocumented,
        empty());
    assertThat("keys docs/configuration.md lists but the loader does not know", unknown, empty());
  }

  /** The loader itself, not only the introspection above, must accept each documented key. */
  @Test
  public void theLoaderAcceptsEveryDocumentedKey() {
    for (Table t : tables("configuration.md", "key")) {
      for (List<String> row : t.rows()) {
        String key = onlyCodeSpan(row.get(0));
        String message = loaderMessageFor(key);
        assertThat(key + ": " + message, message.startsWith("unknown key"), equalTo(false));
      }
    }
  }

  @Test
  public void everyFlagOfEveryCommandIsDocumentedAndNoOther() {
    Map<String, Set<String>> documented = new LinkedHashMap<>();
    for (Table t : tables("configuration.md", "flag")) {
      Matcher m = COMMAND.matcher(t.heading());
      List<String> commands = new ArrayList<>();
      while (m.find()) {
        commands.add(m.group(1));
      }
      assertThat(
          "flag table without `segflow NAME` in its heading: " + t.heading(),
          commands,
          not(empty()));
      Set<String> flags = new TreeSet<>();
      for (List<String> row : t.rows()) {
        for (String span : codeSpans(row.get(0))) {
          String flag = span.split("[ =]", -1)[0];
          if (flag.startsWith("-") && !flag.equals("--NAME")) {
            flags.add(flag);
          }
        }
      }
      for (String c : commands) {
        documented.computeIfAbsent(c, k -> new TreeSet<>()).addAll(flags);
      }
    }
    CommandLine cli = new CommandLine(new SegflowCli());
    for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) {
        continue; // picocli's own help command
      }
      Set<String> flags = new TreeSet<>();
      for (OptionSpec o : sub.getValue().getCommandSpec().options()) {
        if (!o.hidden() && !o.usageHelp() && !o.versionHelp()) {
          flags.addAll(Arrays.asList(o.names()));
        }
      }
      Set<String> inDocs = documented.getOrDefault(sub.getKey(), Set.of());
      assertThat(
          "flags of segflow " + sub.getKey() + " that docs/configuration.md does not list",
          minus(flags, inDocs),
          empty());
      assertThat(
          "flags docs/configuration.md lists for segflow " + sub.getKey() + " that it lacks",
          minus(inDocs, flags),
          empty());
    }
    assertThat(
        "commands docs/configuration.md documents that segflow lacks",
        minus(documented.keySet(), cli.getSubcommands().keySet()),
        empty());
  }

  @Test
  public void exitCodeTableMatchesExitCode() {
    Set<String> documented = new TreeSet<>();
    for (Table t : tables("outputs.md", "exit code")) {
      for (List<String> row : t.rows()) {
        documented.add(row.get(0).trim());
      }
    }
    Set<String> codes =
        Arrays.stream(ExitCode.values())
            .map(e -> String.valueOf(e.code()))
            .collect(Collectors.toCollection(TreeSet::new));
    assertMatch("exit codes", "ExitCode", codes, "docs/outputs.md", documented);
  }

  @Test
  public void reasonCodeTableMatchesRejectReason() {
    Set<String> documented = new TreeSet<>();
    for (Table t : tables("outputs.md", "reason")) {
      for (List<String> row : t.rows()) {
        documented.add(onlyCodeSpan(row.get(0)));
      }
    }
    Set<String> codes =
        Arrays.stream(RejectReason.values())
            .map(RejectReason::code)
            .collect(Collectors.toCollection(TreeSet::new));
    assertMatch("reason codes", "RejectReason", codes, "docs/outputs.md", documented);
  }

  /** The parser finds what it should: a broken table layout must not make the checks vacuous. */
  @Test
  public void theTablesAreFound() {
    assertThat(loaderKeys(false), hasItem("input.jdbc.fetch_size"));
    assertThat(loaderKeys(false), hasItem("input.jdbc.password"));
    assertThat(tables("configuration.md", "key"), not(empty()));
    assertThat(tables("configuration.md", "flag"), not(empty()));
    assertThat(tables("outputs.md", "exit code"), not(empty()));
    assertThat(tables("outputs.md", "reason"), not(empty()));
  }

  /**
   * Every key the loader binds: the Jackson properties of {@link SegflowConfig}, followed into the
   * nested config classes. Lists, maps and scalars are leaves (a map's own keys are free-form);
   * with {@code withSections} the nested sections themselves ({@code input.jdbc}) are included,
   * which the docs may list but need not.
   */
  static Set<String> loaderKeys(boolean withSections) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    Set<String> keys = new TreeSet<>();
    collectKeys(mapper, mapper.constructType(SegflowConfig.class), "", withSections, keys);
    return keys;
  }

  private static void collectKeys(
      ObjectMapper mapper, JavaType type, String prefix, boolean withSections, Set<String> out) {
    BeanDescription bean = mapper.getDeserializationConfig().introspect(type);
    for (BeanPropertyDefinition p : bean.findProperties()) {
      if (!p.couldDeserialize()) {
        continue;
      }
      String key = prefix + p.getName();
      JavaType propertyType = p.getPrimaryType();
      if (isConfigSection(propertyType)) {
        if (withSections) {
          out.add(key);
        }
        collectKeys(mapper, propertyType, key + ".", withSections, out);
      } else {
        out.add(key);
      }
    }
  }

  private static boolean isConfigSection(JavaType t) {
    return !t.isContainerType()
        && !t.isEnumType()
        && t.getRawClass().getPackageName().startsWith("io.segflow.pipelines.config");
  }

  /** The loader's complaint about a config that sets {@code key} (dotted) to null, or "". */
  private static String loaderMessageFor(String key) {
    String[] parts = key.split("\\.", -1);
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      yaml.append("  ".repeat(i)).append(parts[i]).append(':');
      yaml.append(i == parts.length - 1 ? " null\n" : "\n");
    }
    try {
      ConfigLoader.parse(yaml.toString(), "docs");
      return "";
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }

  /** The tables of {@code docs/FILE} whose first header cell is {@code name}. */
  private static List<Table> tables(String file, String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(DOCS.resolve(file));
    } catch (IOException e) {
      throw new AssertionError("cannot read docs/" + file + ": " + e, e);
    }
    List<Table> tables = new ArrayList<>();
    String heading = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#")) {
        heading = line;
      }
      if (!line.startsWith("|")) {
        continue;
      }
      List<String> header = cells(line);
      List<List<String>> rows = new ArrayList<>();
      i += 2; // the header and its |---| line
      for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
        rows.add(cells(lines.get(i)));
      }
      if (header.get(0).equals(name)) {
        tables.add(new Table(heading, header, rows));
      }
    }
    return tables;
  }

  /** A row's cells; {@code \|} inside a cell (as in {@code auto\|N}) is not a separator. */
  private static List<String> cells(String line) {
    String body = line.trim().substring(1);
    if (body.endsWith("|")) {
      body = body.substring(0, body.length() - 1);
    }
    List<String> cells = new ArrayList<>();
    for (String cell : body.split("(?<!\\\\)\\|", -1)) {
      cells.add(cell.replace("\\|", "|").trim());
    }
    return cells;
  }

  private static List<String> codeSpans(String cell) {
    List<String> spans = new ArrayList<>();
    Matcher m = CODE_SPAN.matcher(cell);
    while (m.find()) {
      spans.add(m.group(1));
    }
    return spans;
  }

  private static String onlyCodeSpan(String cell) {
    List<String> spans = codeSpans(cell);
    assertThat("the first cell must be one code span: " + cell, spans.size(), equalTo(1));
    return spans.get(0);
  }

  /** Fails naming what is missing on either side. */
  private static void assertMatch(
      String what, String codeName, Set<String> inCode, String docName, Set<String> inDocs) {
    assertThat(
        what + " of " + codeName + " that " + docName + " does not list",
        minus(inCode, inDocs),
        empty());
    assertThat(
        what + " " + docName + " lists that " + codeName + " lacks",
        minus(inDocs, inCode),
        empty());
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }
}
