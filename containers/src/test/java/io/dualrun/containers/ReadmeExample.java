package io.dualrun.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's container example (the lines between {@code <!-- compose-example} and {@code <!--
 * /compose-example -->}), as the commands a reader types: continuation lines joined.
 */
record ReadmeExample(List<String> commands) {
  private static final String START = "<!-- compose-example";
  private static final String END = "<!-- /compose-example -->";

  static ReadmeExample read(Path readme) throws IOException {
    List<String> commands = new ArrayList<>();
    boolean inside = false;
    StringBuilder command = new StringBuilder();
    for (String line : Files.readAllLines(readme)) {
      if (line.startsWith(START)) {
        inside = true;
      } else if (line.startsWith(END)) {
        inside = false;
      } else if (inside && !line.startsWith("```") && !line.isBlank()) {
        String text = line.strip();
        if (text.endsWith("\\")) {
          command.append(text, 0, text.length() - 1).append(' ');
        } else {
          commands.add(command.append(text).toString());
          command.setLength(0);
        }
      }
    }
    if (commands.isEmpty()) {
      throw new IllegalStateException(readme + " has no " + START + " block");
    }
    return new ReadmeExample(List.copyOf(commands));
  }

  /** The one command starting with {@code prefix}. */
  String one(String prefix) {
    List<String> found = starting(prefix);
    if (found.size() != 1) {
      throw new IllegalStateException(
          "the README's example has " + found.size() + " commands starting " + prefix);
    }
    return found.get(0);
  }

  List<String> starting(String prefix) {
    return commands.stream().filter(c -> c.startsWith(prefix)).toList();
  }

  /** The arguments after {@code docker compose -f docker/compose.yaml}, without the comment. */
  List<String> composeArguments() {
    String line = withoutComment(one("docker compose "));
    String prefix = "docker compose -f " + Compose.FILE + " ";
    if (!line.startsWith(prefix)) {
      throw new IllegalStateException("the README's compose command does not start " + prefix);
    }
    return List.of(line.substring(prefix.length()).strip().split("\\s+"));
  }

  static String withoutComment(String command) {
    int hash = command.indexOf(" #");
    return hash < 0 ? command : command.substring(0, hash);
  }
}
