package io.dualrun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParentGuardIT {
  @TempDir Path dir;

  @Test
  void aChildDiesWhenItsParentIsKilled() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(JavaRuntime.currentJava().toString());
    command.add("-Xmx64m");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, JavaRuntime.currentClassPath()));
    command.add(GuardedParent.class.getName());
    command.add(dir.toString());
    Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
    long childPid = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).startsWith("child ");
      childPid = Long.parseLong(line.substring("child ".length()).trim());
      Optional<ProcessHandle> child = ProcessHandle.of(childPid);
      assertThat(child).isPresent();
      assertThat(child.get().isAlive()).isTrue();

      parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (child.get().isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(child.get().isAlive()).as("child %d outlived its parent", childPid).isFalse();
    } finally {
      parent.destroyForcibly();
      if (childPid > 0) {
        ProcessHandle.of(childPid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    assertThat(Files.readString(dir.resolve("sleeper.log")))
        .contains("ParentGuard: standard input closed");
  }
}
