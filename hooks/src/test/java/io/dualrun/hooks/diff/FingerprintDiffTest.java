package io.dualrun.hooks.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.hooks.fingerprint.FingerprintRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dualrun diff} with one side's rows and the other side's fingerprint, made by {@code
 * dualrun fingerprint} itself.
 */
class FingerprintDiffTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int diff(String... args) {
    out.reset();
    err.reset();
    DiffCommand command = new DiffCommand();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new CommandLine(command).execute(args);
  }

  /** The fingerprint dualrun fingerprint prints for {@code csv}, in a file. */
  private Path fingerprint(Path csv, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("--csv", csv.toString(), "--type", "id=integer", "--type", "amount=decimal"));
    args.addAll(List.of(more));
    FingerprintRun run = FingerprintRun.of(args);
    assertThat(run.exit()).as(run.err()).isZero();
    Path file = dir.resolve(csv.getFileName() + ".fingerprint.json");
    Files.writeString(file, run.out());
    return file;
  }

  private Path csv(String name, List<String> rows) throws Exception {
    Path file = dir.resolve(name);
    List<String> all = new ArrayList<>(List.of("id,name,amount"));
    all.addAll(rows);
    Files.write(file, all);
    return file;
  }

  private static List<String> rows(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> i + ",name " + i + "," + i + ".50").toList();
  }

  private String[] args(Path rows, Path candidateFingerprint, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--key",
                "id",
                "--type",
                "id=integer",
                "--type",
                "amount=decimal",
                "--baseline-csv",
                rows.toString(),
                "--candidate-fingerprint",
                candidateFingerprint.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theSameRowsInAnyOrderAreEqual() throws Exception {
    List<String> rows = new ArrayList<>(rows(200));
    Path mine = csv("baseline.csv", rows);
    java.util.Collections.reverse(rows);
    Path fp = fingerprint(csv("candidate.csv", rows), "--bucket-key", "id", "--buckets", "16");
    assertThat(diff(args(mine, fp))).as(err()).isZero();
    assertThat(out()).startsWith("EQUAL: 200 rows on each side");
  }

  @Test
  void aRowOnlyThisSideHasIsSingledOutByItsHash() throws Exception {
    List<String> theirs = rows(300);
    List<String> mine = new ArrayList<>(theirs);
    mine.add("9999,planted,1");
    Path fp = fingerprint(csv("candidate.csv", theirs), "--bucket-key", "id", "--buckets", "16");
    assertThat(diff(args(csv("baseline.csv", mine), fp, "--format", "json"))).isEqualTo(1);
    JsonNode root = JSON.readTree(out());
    assertThat(root.path("status").asText()).isEqualTo("DIFFERENT");
    assertThat(root.path("differences")).hasSize(1);
    JsonNode d = root.path("differences").get(0);
    assertThat(d.path("kind").asText()).isEqualTo("only-in-baseline");
    assertThat(d.path("key").get(0).asText()).isEqualTo("9999");
    assertThat(root.path("rows").path("baseline").asLong()).isEqualTo(301);
    assertThat(root.path("rows").path("candidate").asLong()).isEqualTo(300);
    assertThat(root.path("partial").asText()).contains("the candidate is a fingerprint");
  }

  @Test
  void aChangedRowIsAmongTheRowsOfItsBucketAndNoOtherBucketIsListed() throws Exception {
    List<String> theirs = new ArrayList<>(rows(300));
    theirs.set(41, "42,name 42,42.05");
    Path fp = fingerprint(csv("candidate.csv", theirs), "--bucket-key", "id", "--buckets", "16");
    Path mine = csv("baseline.csv", rows(300));
    assertThat(diff(args(mine, fp, "--format", "json"))).isEqualTo(1);
    JsonNode root = JSON.readTree(out());
    List<String> keys = new ArrayList<>();
    root.path("differences")
        .forEach(
            d -> {
              assertThat(d.path("kind").asText()).isEqualTo("in-differing-bucket");
              keys.add(d.path("key").get(0).asText());
            });
    assertThat(keys).contains("42");
    assertThat(root.path("levels").get(0).path("bucketsDiffering").asInt()).isEqualTo(1);
    assertThat(keys.size())
        .as("every row of the one differing bucket, no more")
        .isEqualTo(root.path("levels").get(0).path("rowsDiffering").asInt())
        .isLessThan(300);

    assertThat(diff(args(mine, fp))).isEqualTo(1);
    assertThat(out()).contains("in-differing-bucket").contains("in differing buckets");
  }

  @Test
  void rowsOnlyTheFingerprintedSideHasAreCountedNotInvented() throws Exception {
    List<String> theirs = new ArrayList<>(rows(300));
    theirs.add("777,extra,7");
    Path fp = fingerprint(csv("candidate.csv", theirs), "--bucket-key", "id", "--buckets", "16");
    int code = diff(args(csv("baseline.csv", rows(300)), fp, "--format", "json"));
    assertThat(code).as(err()).isEqualTo(1);
    JsonNode root = JSON.readTree(out());
    root.path("differences")
        .forEach(d -> assertThat(d.path("kind").asText()).isEqualTo("in-differing-bucket"));
    assertThat(root.path("counts").path("only-in-candidate").asInt()).isZero();
    assertThat(root.path("rows").path("candidate").asLong()).isEqualTo(301);
  }

  @Test
  void aFingerprintWithoutBucketsSaysOnlyWhetherTheRowsDiffer() throws Exception {
    Path fp = fingerprint(csv("candidate.csv", rows(10)));
    assertThat(diff(args(csv("baseline.csv", rows(10)), fp))).as(err()).isZero();
    assertThat(diff(args(csv("baseline.csv", rows(11)), fp))).isEqualTo(1);
    assertThat(out()).contains("DIFFERENT").contains("no bucket hashes");
  }

  @Test
  void aFingerprintOfOtherColumnsKeyOrRulesIsRefusedOrReported() throws Exception {
    Path fp = fingerprint(csv("candidate.csv", rows(10)), "--bucket-key", "id", "--buckets", "4");
    assertThat(diff(args(csv("baseline.csv", rows(10)), fp, "--key", "name"))).isEqualTo(2);
    assertThat(err()).contains("--candidate-fingerprint").contains("keyed by id");

    assertThat(diff(args(csv("baseline.csv", rows(10)), fp, "--normalise", "name:trim")))
        .isEqualTo(2);
    assertThat(err()).contains("normalisation rules");

    assertThat(diff(args(csv("baseline.csv", rows(10)), fp, "--ignore-column", "name")))
        .isEqualTo(1);
    assertThat(out()).contains("different columns");

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"rowCount\": 3, \"contentHash\": \"xyz\", \"schema\": []}");
    assertThat(diff(args(csv("baseline.csv", rows(10)), bad))).isEqualTo(2);
    assertThat(err()).contains(bad.toString()).contains("field contentHash");

    assertThat(
            diff(args(csv("baseline.csv", rows(10)), fp, "--baseline-fingerprint", fp.toString())))
        .isEqualTo(2);
    assertThat(err()).contains("--baseline-fingerprint");
  }
}
