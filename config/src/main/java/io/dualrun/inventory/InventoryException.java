package io.dualrun.inventory;

import java.util.List;

/**
 * The inventory file is invalid; the message lists every problem as {@code file:line: field:
 * reason}.
 */
public final class InventoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InventoryException(List<String> problems) {
    super(
        "invalid inventory ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
