package io.dualrun.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on data directories given by the caller. */
final class DataDirs {
  private DataDirs() {}

  /** Creates {@code dir} if needed; fails with one line when it is not a writable directory. */
  static Path writable(String what, Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new PlatformException(what + ": data directory " + dir + " is a file, not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new PlatformException(
          what + ": cannot create data directory " + dir + " (" + e.getMessage() + ")", e);
    }
    if (!Files.isWritable(dir)) {
      throw new PlatformException(what + ": data directory " + dir + " is not writable");
    }
    return dir;
  }
}
