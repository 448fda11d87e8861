package io.dualrun.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * What a service learnt from the registry, kept on disk so that it can (re)start and keep working
 * while the registry is down: the schema of every id it read or wrote, and the id of every
 * (subject, schema) it registered or looked up. One directory per registry URL, so that pointing a
 * service at another registry never reuses ids of the first. Files are written whole and moved into
 * place, so a crash never leaves half an entry; an unreadable entry counts as absent.
 *
 * <pre>
 * DIR/&lt;sha-256 of the registry URL, 16 hex&gt;/ids/&lt;id&gt;.avsc
 * DIR/&lt;…&gt;/subjects/&lt;subject, hex&gt;/&lt;Avro parsing fingerprint, hex&gt;.id
 * </pre>
 */
public final class SchemaCache {
  private final Path root;
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final Map<String, Integer> idByKey = new ConcurrentHashMap<>();

  private SchemaCache(Path root) {
    this.root = root;
  }

  /** The cache of the registry at {@code registryUrl}, under {@code dir} (created if missing). */
  public static SchemaCache open(Path dir, String registryUrl) {
    Path root = dir.resolve(hash(registryUrl));
    try {
      Files.createDirectories(root.resolve("ids"));
      Files.createDirectories(root.resolve("subjects"));
    } catch (IOException e) {
      throw new UncheckedIOException("schema cache " + root + ": cannot create it", e);
    }
    return new SchemaCache(root);
  }

  /** Where this cache keeps its files. */
  public Path root() {
    return root;
  }

  public Optional<Schema> schema(int id) {
    Schema known = byId.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> text = read(idFile(id));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      Schema schema = new Schema.Parser().parse(text.get());
      byId.put(id, schema);
      return Optional.of(schema);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public void putSchema(int id, Schema schema) {
    if (schema.equals(byId.get(id))) {
      return;
    }
    write(idFile(id), schema.toString());
    byId.put(id, schema);
  }

  public Optional<Integer> id(String subject, Schema schema) {
    String key = key(subject, schema);
    Integer known = idByKey.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> text = read(subjectFile(subject, schema));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      int id = Integer.parseInt(text.get().trim());
      idByKey.put(key, id);
      return Optional.of(id);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Remembers that {@code schema} has {@code id} under {@code subject} (and its schema by id). */
  public void putId(String subject, Schema schema, int id) {
    putSchema(id, schema);
    String key = key(subject, schema);
    Integer known = idByKey.get(key);
    if (known != null && known == id) {
      return;
    }
    write(subjectFile(subject, schema), Integer.toString(id));
    idByKey.put(key, id);
  }

  private Path idFile(int id) {
    return root.resolve("ids").resolve(id + ".avsc");
  }

  private Path subjectFile(String subject, Schema schema) {
    return root.resolve("subjects")
        .resolve(HexFormat.of().formatHex(subject.getBytes(StandardCharsets.UTF_8)))
        .resolve(fingerprint(schema) + ".id");
  }

  private static String key(String subject, Schema schema) {
    return subject + "\u0000" + fingerprint(schema);
  }

  private static String fingerprint(Schema schema) {
    return Long.toHexString(SchemaNormalization.parsingFingerprint64(schema));
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("schema cache: cannot read " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("schema cache: cannot write " + file, e);
    }
  }

  private static String hash(String url) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
