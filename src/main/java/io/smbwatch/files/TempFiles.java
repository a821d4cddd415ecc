package io.smbwatch.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Temporary files of transfers, made so that nobody else can reach them: in a private directory
 * (mode 0700) of its own, each opened with O_CREAT|O_EXCL and without following a symbolic link,
 * mode 0600. The directory sits inside the store directory when files are kept (so that the
 * final rename stays on one file system) or in the system's temporary directory; it is removed,
 * with anything left in it, by {@link #close}, on every exit path of the run.
 */
final class TempFiles implements AutoCloseable {
    static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);

    private final Path dir;
    private final Thread atExit;
    private long next;

    TempFiles(Path parent) throws IOException {
        dir = parent == null ? Files.createTempDirectory("smbwatch-files", owner(true))
                : Files.createTempDirectory(parent, ".smbwatch-tmp-", owner(true));
        // a run stopped by a signal skips close(): the JVM's exit still removes the directory
        atExit = new Thread(this::removeQuietly, "smbwatch-temp-files");
        Runtime.getRuntime().addShutdownHook(atExit);
    }

    /** A new empty file, readable and writable by this user only. */
    Path create(FileChannel[] channel) throws IOException {
        Path p = dir.resolve("part-" + (++next));
        channel[0] = FileChannel.open(p, withNoFollow(), owner(false));
        return p;
    }

    private static Set<java.nio.file.OpenOption> withNoFollow() {
        Set<java.nio.file.OpenOption> o = new java.util.HashSet<>(CREATE);
        o.add(LinkOption.NOFOLLOW_LINKS);
        return o;
    }

    /** Mode 0700 for a directory, 0600 for a file, where the file system has modes. */
    static FileAttribute<?>[] owner(boolean directory) {
        if (!POSIX) return new FileAttribute<?>[0];
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                directory ? "rwx------" : "rw-------"))};
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already exiting: its hook removes the directory
        }
        remove();
    }

    private void remove() throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }

    private void removeQuietly() {
        try {
            remove();
        } catch (IOException | RuntimeException ignored) {
            // best effort while the JVM exits
        }
    }
}
