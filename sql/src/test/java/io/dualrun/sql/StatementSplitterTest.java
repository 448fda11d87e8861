package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatementSplitterTest {

  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    String script =
        "-- header; not a separator\n"
            + "SELECT 'a;b', `x;y` FROM t;\n"
            + "/* block; comment */ SELECT 'it''s; fine';\n"
            + "SELECT 3";
    assertThat(StatementSplitter.split(script))
        .containsExactly(
            "-- header; not a separator\nSELECT 'a;b', `x;y` FROM t",
            "/* block; comment */ SELECT 'it''s; fine'",
            "SELECT 3");
  }

  @Test
  void dropsStatementsOfOnlyCommentsAndBlanks() {
    assertThat(StatementSplitter.split("SELECT 1;\n  ;\n-- trailing comment\n"))
        .containsExactly("SELECT 1");
    assertThat(StatementSplitter.split("  \n-- nothing\n")).isEmpty();
  }

  @Test
  void unterminatedStringNamesWhereItStarts() {
    assertThatThrownBy(() -> StatementSplitter.split("SELECT 'abc"))
        .isInstanceOf(SqlScriptException.class)
        .hasMessage("unterminated string literal starting at character 8");
    assertThatThrownBy(() -> StatementSplitter.split("SELECT 1 /* abc"))
        .isInstanceOf(SqlScriptException.class)
        .hasMessageContaining("unterminated /* comment");
  }
}
