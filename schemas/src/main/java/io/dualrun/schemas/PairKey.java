package io.dualrun.schemas;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity of a pair: (workflow, partition). Its Kafka key is {@code workflow + "/" + partition};
 * workflow ids cannot contain '/', so the key splits at the first '/'.
 */
public record PairKey(String workflow, String partition) {
  /** DESIGN §4: canonical workflow id. */
  public static final Pattern WORKFLOW_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final int MAX_WORKFLOW_ID = 128;

  /**
   * Whether {@code id} matches {@link #WORKFLOW_ID}, without a regular expression: every record
   * entering the system is checked, and the matcher was a tenth of reading a well-formed batch.
   */
  public static boolean isWorkflowId(String id) {
    int n = id.length();
    if (n == 0 || n > MAX_WORKFLOW_ID || !isAsciiAlphanumeric(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = id.charAt(i);
      if (!isAsciiAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  public PairKey {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(partition, "partition");
  }

  public static String key(String workflow, String partition) {
    return workflow + "/" + partition;
  }

  /** Whether {@code key} is {@code key(workflow, partition)}, without building it. */
  public static boolean isKey(String key, String workflow, String partition) {
    int w = workflow.length();
    return key.length() == w + 1 + partition.length()
        && key.startsWith(workflow)
        && key.charAt(w) == '/'
        && key.endsWith(partition);
  }

  public static PairKey parse(String key) {
    int slash = key.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("pair key '" + key + "' is not workflow/partition");
    }
    return new PairKey(key.substring(0, slash), key.substring(slash + 1));
  }

  public String key() {
    return key(workflow, partition);
  }

  @Override
  public String toString() {
    return key();
  }
}
