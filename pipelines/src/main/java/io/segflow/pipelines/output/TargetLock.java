// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS file lock on a lock file, held by one run for as long as it writes a target. The
 * operating system releases it when the process ends, however it ends (even {@code kill -9}), so a
 * lock never outlives its run. The lock file holds its holder (host, pid, start time, command)
 * while a run holds it, and the outcome of the last run afterwards; it is never deleted, since
 * removing a lock file that another process has open would let two runs lock two different files.
 *
 * <p>POSIX locks belong to the process, and closing any handle of a file drops the process's locks
 * on it; so what this JVM holds is also kept in {@link #HELD}, a file held here is never opened
 * again in this JVM, and every open of a lock file happens under the class's monitor.
 */
public final class TargetLock implements AutoCloseable {
  private static final Map<Path, LockFile> HELD = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 200;
  private static volatile String command = "segflow";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final LockFile holder;

  private TargetLock(Path file, FileChannel channel, FileLock lock, LockFile holder) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.holder = holder;
  }

  /** The command line written into the lock files this process takes (secrets masked). */
  public static void setCommand(String... args) {
    command = Secrets.redact("segflow " + String.join(" ", args));
  }

  /** The lock file of an output folder or partition: a hidden file beside it. */
  public static Path lockFileOf(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".segflow-lock");
  }

  /**
   * Takes the lock of {@code target}, waiting up to {@code wait} for its holder to finish.
   *
   * @throws SegflowException (OUTPUT) naming the holder when it is still held after {@code wait}
   */
  public static TargetLock acquire(Path target, Duration wait) {
    Path file = lockFileOf(target);
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    while (true) {
      TargetLock lock = tryAcquire(file, target);
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() >= deadline) {
        throw new SegflowException(
            ExitCode.OUTPUT,
            Secrets.redact(target.toString())
                + " is being written by another run ("
                + writtenHolder(file).describe()
                + "); only one run may write an output at a time. Retry when it has finished, or "
                + "add --wait-for-lock DURATION (e.g. 30m) to wait for it");
      }
      if (!told) {
        System.err.println(
            "segflow: waiting for "
                + Secrets.redact(target.toString())
                + ", locked by "
                + writtenHolder(file).describe());
        told = true;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SegflowException(ExitCode.INTERNAL, "interrupted while waiting for a lock", e);
      }
    }
  }

  /** Takes the lock of the file itself (a staging folder's), or returns null when it is held. */
  static TargetLock tryAcquireFile(Path file) {
    return tryAcquire(file, null);
  }

  private static synchronized TargetLock tryAcquire(Path file, Path target) {
    if (HELD.containsKey(file)) {
      return null;
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return null;
      }
      LockFile holder =
          LockFile.holder(
              target == null ? null : Secrets.redact(target.toString()),
              hostName(),
              ProcessHandle.current().pid(),
              nowUtc(),
              command);
      TargetLock held = new TargetLock(file, channel, lock, holder);
      held.write(holder);
      HELD.put(file, holder);
      return held;
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      return null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SegflowException(
          ExitCode.OUTPUT,
          "cannot create or lock " + Secrets.redact(file.toString()) + ": " + e,
          e);
    }
  }

  /**
   * What the lock file says: its holder while it is held, else the last run's outcome; empty when
   * there is no readable lock file.
   */
  public static synchronized LockFile holder(Path file) {
    LockFile mine = HELD.get(file);
    return mine != null ? mine : LockFile.read(file);
  }

  /**
   * The holder of a held lock, waiting up to a second for it: a run takes the lock before it writes
   * its holder into the file, so a refusal right then would not know whom to name.
   */
  private static LockFile writtenHolder(Path file) {
    LockFile h = holder(file);
    for (int i = 0; i < 10 && !h.namesHolder(); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      h = holder(file);
    }
    return h;
  }

  /** Whether a run holds the lock of {@code target} now (this process or another). */
  public static synchronized boolean isHeld(Path target) {
    Path file = lockFileOf(target);
    if (HELD.containsKey(file)) {
      return true;
    }
    if (!Files.exists(file)) {
      return false;
    }
    return isHeldFile(file);
  }

  /** Whether another process holds the lock on {@code file}; this JVM's locks are in HELD. */
  static synchronized boolean isHeldFile(Path file) {
    if (HELD.containsKey(file)) {
      return true;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return true;
      }
      l.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The holder information this lock wrote. */
  public LockFile holder() {
    return holder;
  }

  /**
   * Replaces the lock file's text with the run's outcome (state, exit code, ...), kept after the
   * lock is released so that {@code segflow status} can tell what the last run did.
   */
  public void recordOutcome(LockFile.Outcome outcome) {
    try {
      write(holder.ended(outcome, nowUtc()));
    } catch (IOException e) {
      // The outcome only informs segflow status; the run's own result stands.
    }
  }

  private static String nowUtc() {
    return OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString();
  }

  private void write(LockFile content) throws IOException {
    byte[] bytes = content.bytes();
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(bytes), 0);
    channel.force(false);
  }

  /** Releases the lock and removes its file (for staging folders' locks, which nobody waits on). */
  void releaseAndDelete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // an orphan lock file is harmless: the next cleanup removes it
    }
    close();
  }

  @Override
  public void close() {
    synchronized (TargetLock.class) {
      HELD.remove(file);
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel below releases it too
      }
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held through it
      }
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
