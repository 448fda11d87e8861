package io.dualrun.hooks.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DiffCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    DiffCommand command = new DiffCommand();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new CommandLine(command).execute(args);
  }

  private Path csv(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    List<String> all = new ArrayList<>(List.of("id,name,amount"));
    all.addAll(List.of(lines));
    Files.write(file, all);
    return file;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void equalFilesExitZero() throws Exception {
    Path a = csv("a.csv", "1,x,1.50", "2,y,2");
    Path b = csv("b.csv", "2,y,2.00", "1,x,1.5");
    int code =
        run(
            "--key",
            "id",
            "--type",
            "amount=decimal",
            "--baseline-csv",
            a.toString(),
            "--candidate-csv",
            b.toString());
    assertThat(code).as(err()).isZero();
    assertThat(out()).startsWith("EQUAL: 2 rows on each side");
  }

  @Test
  void differencesExitOneAsATableJsonAndCsv() throws Exception {
    Path a = csv("a.csv", "1,x,1.50", "2,y,2", "3,,3");
    Path b = csv("b.csv", "1,x,1.05", "3,\"\",3", "4,z,4");
    String[] common = {
      "--key",
      "id",
      "--type",
      "amount=decimal",
      "--type",
      "id=integer",
      "--baseline-csv",
      a.toString(),
      "--candidate-csv",
      b.toString()
    };
    assertThat(run(common)).isEqualTo(1);
    assertThat(out())
        .contains("DIFFERENT: 1 only in the baseline, 1 only in the candidate, 2 changed")
        .contains("changed")
        .contains("amount")
        .contains("1.5")
        .contains("1.05");

    out.reset();
    List<String> json = new ArrayList<>(List.of(common));
    json.addAll(List.of("--format", "json"));
    assertThat(run(json.toArray(String[]::new))).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(out());
    assertThat(root.path("status").asText()).isEqualTo("DIFFERENT");
    assertThat(root.path("counts").path("changed").asInt()).isEqualTo(2);
    assertThat(root.path("differences").get(0).path("kind").asText()).isEqualTo("changed");
    assertThat(root.path("differences").get(0).path("changed").get(0).path("column").asText())
        .isEqualTo("amount");

    out.reset();
    List<String> csv = new ArrayList<>(List.of(common));
    csv.addAll(List.of("--format", "csv"));
    assertThat(run(csv.toArray(String[]::new))).isEqualTo(1);
    assertThat(out().lines().toList())
        .contains("\"kind\",\"key\",\"column\",\"baseline\",\"candidate\"")
        .contains("\"changed\",\"1\",\"amount\",\"1.5\",\"1.05\"")
        .as("null is an empty field, the empty text a quoted one")
        .contains("\"changed\",\"3\",\"name\",,\"\"");
  }

  @Test
  void maskedColumnsNeverAppearInTheOutput() throws Exception {
    Path a = csv("a.csv", "1,secret-one,1", "2,secret-two,2");
    Path b = csv("b.csv", "1,secret-uno,1", "2,secret-two,3");
    int code =
        run(
            "--key",
            "id",
            "--mask",
            "name",
            "--format",
            "csv",
            "--baseline-csv",
            a.toString(),
            "--candidate-csv",
            b.toString());
    assertThat(code).as(err()).isEqualTo(1);
    assertThat(out())
        .doesNotContain("secret")
        .contains("\"name\",\"hmac:")
        .contains("\"amount\",\"2\",\"3\"");
    err.reset();
    assertThat(
            run(
                "--key",
                "id",
                "--mask",
                "nope",
                "--baseline-csv",
                a.toString(),
                "--candidate-csv",
                b.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--mask").contains("nope");
  }

  @Test
  void theInventorysOutputGivesTheRulesIgnoredAndSensitiveColumns() throws Exception {
    Path inventory = dir.resolve("workflows.yaml");
    Files.writeString(
        inventory,
        """
        workflows:
          sales:
            owner: t
            outputs:
              - name: dw.orders
                ignoreColumns: [loaded]
                sensitive: [name]
                normalise: {amount: {scale: 1}}
        """);
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Files.write(a, List.of("id,name,amount,loaded", "1,alice,1.04,x", "2,bob,2,x"));
    Files.write(b, List.of("id,name,amount,loaded", "1,alice,1.0,y", "2,bobby,2,y"));
    String[] args = {
      "--key", "id", "--type", "amount=decimal", "--format", "csv",
      "--inventory", inventory.toString(), "--workflow", "sales", "--output", "dw.orders",
      "--baseline-csv", a.toString(), "--candidate-csv", b.toString()
    };
    assertThat(run(args)).as(err()).isEqualTo(1);
    assertThat(out().lines().skip(1).toList())
        .as("amount equal at scale 1, loaded ignored, name masked")
        .singleElement()
        .asString()
        .startsWith("\"changed\",\"2\",\"name\",\"hmac:")
        .doesNotContain("bob");

    err.reset();
    args[args.length - 5] = "dw.nope";
    assertThat(run(args)).isEqualTo(2);
    assertThat(err()).contains("workflow sales declares no output 'dw.nope' (--output)");
  }

  @Test
  void badArgumentsExitTwoNamingTheOption() throws Exception {
    Path a = csv("a.csv", "1,x,1");
    assertThat(
            run("--key", "nope", "--baseline-csv", a.toString(), "--candidate-csv", a.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--bucket-key").contains("nope");
    err.reset();
    assertThat(run("--key", "id", "--baseline-csv", a.toString())).isEqualTo(2);
    assertThat(err()).contains("--candidate-table, --candidate-query, --candidate-csv");
    err.reset();
    assertThat(
            run(
                "--key",
                "id",
                "--format",
                "xml",
                "--baseline-csv",
                a.toString(),
                "--candidate-csv",
                a.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--format").contains("xml");
    err.reset();
    assertThat(
            run(
                "--key",
                "id",
                "--baseline-csv",
                a.toString(),
                "--baseline-where",
                "id > 1",
                "--candidate-csv",
                a.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--baseline-where needs a JDBC source");
    err.reset();
    assertThat(
            run(
                "--key",
                "id",
                "--max-rows",
                "0",
                "--baseline-csv",
                a.toString(),
                "--candidate-csv",
                a.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--max-rows");
  }
}
