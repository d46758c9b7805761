package dev.parity.offline.work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run as a child process by {@link WorkFolderTest}: claims a working folder under {@code args[0]},
 * spills a file into it and starts a temporary output for {@code args[1]}, prints both paths and
 * {@code ready}, then holds them until its standard input ends (then closes the folder and exits)
 * or it is killed.
 */
final class HoldWorkFolder {
  private HoldWorkFolder() {}

  public static void main(String[] args) throws IOException {
    try (WorkFolder folder = WorkFolder.claim(Path.of(args[0]), "parity-offline-")) {
      Files.writeString(folder.path().resolve("e0-0.arrow"), "spilled");
      Path temp = folder.createTemporaryFor(Path.of(args[1]));
      Files.writeString(temp, "half written");
      System.out.println("folder " + folder.path());
      System.out.println("temp " + temp);
      System.out.println("ready");
      System.out.flush();
      while (System.in.read() >= 0) {
        // holds the folder until the parent closes our input
      }
    }
  }
}
