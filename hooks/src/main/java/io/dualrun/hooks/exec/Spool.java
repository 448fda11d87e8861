package io.dualrun.hooks.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A local file of events not delivered yet, one JSON object a line. Every change happens under an
 * exclusive file lock ({@code <spool>.lock}) and rewrites the file atomically (write a temporary
 * file, then rename), so concurrent invocations and crashes lose and duplicate nothing.
 */
public final class Spool {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path file;
  private final Path lock;
  private final Path rejected;

  public Spool(Path file) {
    this.file = file.toAbsolutePath();
    this.lock = this.file.resolveSibling(this.file.getFileName() + ".lock");
    this.rejected = this.file.resolveSibling(this.file.getFileName() + ".rejected");
  }

  public Path file() {
    return file;
  }

  /** Where events the service refused for good (400) are kept, with the reason. */
  public Path rejectedFile() {
    return rejected;
  }

  /** Work done while holding the spool's lock. */
  @FunctionalInterface
  public interface Locked<T> {
    T run(List<JsonNode> pending) throws IOException;
  }

  /**
   * Runs {@code work} with the pending events, under the lock; {@code work} tells what to keep by
   * calling {@link #replace}.
   */
  public <T> T withLock(Locked<T> work) throws IOException {
    Files.createDirectories(file.getParent());
    try (FileChannel channel =
            FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return work.run(read());
    }
  }

  /** Replaces the spool's content with {@code keep}; call only inside {@link #withLock}. */
  public void replace(List<? extends JsonNode> keep) throws IOException {
    if (keep.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    StringBuilder text = new StringBuilder();
    for (JsonNode node : keep) {
      text.append(MAPPER.writeValueAsString(node)).append('\n');
    }
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** One line of the rejected file: why, and the event as it was sent. */
  @com.fasterxml.jackson.annotation.JsonPropertyOrder({"reason", "event"})
  public record Rejected(String reason, JsonNode event) {}

  /** Appends an event the service refused for good, with the reason; inside {@link #withLock}. */
  public void reject(JsonNode event, String reason) throws IOException {
    String line = MAPPER.writeValueAsString(new Rejected(reason, event)) + "\n";
    Files.writeString(
        rejected,
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private List<JsonNode> read() throws IOException {
    List<JsonNode> pending = new ArrayList<>();
    if (!Files.exists(file)) {
      return pending;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        pending.add(MAPPER.readTree(line));
      }
    }
    return pending;
  }
}
