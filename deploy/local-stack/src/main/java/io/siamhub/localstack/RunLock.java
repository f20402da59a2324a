package io.siamhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running stack per run folder: a second {@code ./hub up} on the same folder would delete the
 * first one's broker and database data. The lock is the operating system's ({@code run.lock} in the
 * folder), so a stack that was killed leaves nothing that needs cleaning by hand.
 */
final class RunLock {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RunLock take(Path runDir) {
        try {
            Files.createDirectories(runDir);
            FileChannel channel = FileChannel.open(runDir.resolve("run.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new AlreadyRunningException(runDir);
            }
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void release() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process ends soon; the operating system releases it then
        }
    }

    /** Another stack runs from this folder. */
    static final class AlreadyRunningException extends IllegalStateException {
        AlreadyRunningException(Path runDir) {
            super("another siam-hub stack is running from " + runDir + ": stop it first (Ctrl-C where ./hub up runs), or give this one "
                    + "its own folder and ports (SIAM_HUB_DIR=/tmp/hub2 SIAM_ADAPTERS_PORT=0 SIAM_INCIDENTS_PORT=0 SIAM_CHANGES_PORT=0 "
                    + "SIAM_SLA_PORT=0 ./hub up)");
        }
    }
}
