package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The process that runs a run, recorded when the run starts: its host name, pid and start
 * instant ({@link ProcessHandle}). The start instant tells the owner from a later process that
 * was given the same pid. Only a process on the same host can tell whether the owner still
 * lives: see {@link #isGone(RunOwner)}.
 *
 * @param host the host name; empty when it could not be found, and then nothing is judged
 * @param pid the process id
 * @param processStart when the process started, to the millisecond, if the OS says
 */
public record RunOwner(String host, long pid, Optional<Instant> processStart) {
  private static final Path LINUX_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

  public RunOwner {
    requireNonNull(host, "host is null");
    if (host.length() > 255) {
      throw new IllegalArgumentException("host name longer than 255 characters: " + host);
    }
    if (pid < 0) {
      throw new IllegalArgumentException("pid is negative: " + pid);
    }
    processStart = requireNonNull(processStart, "processStart is null").map(i -> i.truncatedTo(ChronoUnit.MILLIS));
  }

  /** This process. */
  public static RunOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new RunOwner(hostName(), self.pid(), self.info().startInstant());
  }

  /**
   * Whether this owner is provably gone, judged from {@code here} (the judging process): it ran
   * on the same host and no process with its pid runs now, or the process with its pid started
   * at another instant (the pid was reused). An owner on another host, or on an unknown one, is
   * never judged gone: a process here cannot see it. A living process whose start instant
   * cannot be read counts as the owner.
   */
  public boolean isGone(RunOwner here) {
    requireNonNull(here, "here is null");
    if (host.isEmpty() || !host.equals(here.host)) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return true;
    }
    Optional<Instant> started = process.get().info().startInstant().map(i -> i.truncatedTo(ChronoUnit.MILLIS));
    return processStart.isPresent() && started.isPresent() && !processStart.equals(started);
  }

  /** {@code pid 1234 on host h, started 2026-...}: for error messages. */
  public String describe() {
    return "pid " + pid + " on host " + (host.isEmpty() ? "(unknown)" : host)
        + processStart.map(s -> ", started " + s).orElse("");
  }

  /**
   * The name of this host: the kernel's on Linux (no name lookup, which can take seconds on a
   * machine without network), else the JDK's; empty if neither is known.
   */
  private static String hostName() {
    try {
      if (Files.isReadable(LINUX_HOST_NAME)) {
        String name = Files.readString(LINUX_HOST_NAME, StandardCharsets.UTF_8).strip();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException fallThrough) {
      // Not Linux after all, or no /proc: ask the JDK.
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "";
    }
  }
}
