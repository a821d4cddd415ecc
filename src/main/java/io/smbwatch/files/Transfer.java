package io.smbwatch.files;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One transfer (file handle × direction) in progress, hashed as its bytes come.
 *
 * <p>The bytes at the offset hashed so far are hashed at once and forgotten: a file read or
 * written in order costs no copy and no disk. Bytes beyond it (SMB2 clients read and write
 * several chunks at once, responses come in any order; a capture may start mid-transfer) wait
 * in memory up to a bound, then in a temporary file, and are hashed when the bytes before them
 * have come, or at the end in offset order with the holes skipped. When the file is kept
 * ({@code --extract-files}) every byte goes to a temporary file at its offset (holes stay
 * sparse, nothing is zero-filled). First data wins over a later overlapping chunk, as in TCP.
 * So work and memory follow the bytes seen, never a declared size or offset.
 */
final class Transfer {
    /** Waiting pieces held in memory before they go to the temporary file. */
    static final int MEMORY_PIECES = 1024;

    /** Memory that waiting pieces of all transfers share (one extractor, one thread). */
    static final class Memory {
        final long cap;
        long used;

        Memory(long cap) {
            this.cap = cap;
        }
    }

    /** Bytes [start, end) not hashed yet: in {@code data}, or in the temporary file when null. */
    private record Piece(long end, byte[] data) {}

    final String key;
    final long id;
    final Flow flow;
    final int direction;
    final String protocol, fid;
    String name, share, user;
    long sessionId, treeId;
    final RangeSet ranges;
    final Set<Long> flows = new HashSet<>(2);
    boolean capped;
    /** End of the data the messages announced, beyond what they carried when they were cut. */
    long declaredEnd;
    long firstFrame, lastFrame, firstSeconds, lastSeconds;
    int firstNanos, lastNanos;

    private final Digests digests;
    private final TempFiles temps;
    private final boolean keep;
    private final Memory memory;
    private final TreeMap<Long, Piece> waiting = new TreeMap<>();
    private long hashed;          // bytes [0, hashed) went through the digests
    private int memoryPieces;
    private FileChannel file;
    private Path path;

    Transfer(String key, long id, SmbMessage m, int direction, String fid, int maxRanges, Digests digests,
             TempFiles temps, boolean keep, Memory memory) throws IOException {
        this.key = key;
        this.id = id;
        this.flow = m.flow;
        this.direction = direction;
        this.protocol = m.protocol;
        this.fid = fid;
        this.ranges = new RangeSet(maxRanges);
        this.digests = digests;
        this.temps = temps;
        this.keep = keep;
        this.memory = memory;
        firstFrame = m.frame;
        firstSeconds = m.tsSeconds;
        firstNanos = m.tsNanos;
        if (keep) open();
    }

    /**
     * Adds data[off, off+len) found at {@code offset}; returns the new bytes taken, or -1 when the
     * range cap refused them (nothing taken).
     */
    long add(long offset, byte[] data, int off, int len) throws IOException {
        long[] taken = {0};
        try {
            boolean ok = ranges.add(offset, offset + len, (s, e) -> {
                try {
                    take(s, e, data, off + (int) (s - offset));
                    taken[0] += e - s;
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            return ok ? taken[0] : -1;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void take(long s, long e, byte[] data, int at) throws IOException {
        int n = (int) (e - s);
        if (keep) write(s, data, at, n);
        if (s == hashed) {
            digests.update(s, data, at, n);
            hashed = e;
            drain();
        } else if (keep) {
            wait(s, e, null);
        } else if (memory.used + n <= memory.cap && memoryPieces < MEMORY_PIECES) {
            byte[] copy = java.util.Arrays.copyOfRange(data, at, at + n);
            memory.used += n;
            memoryPieces++;
            waiting.put(s, new Piece(e, copy));
        } else {
            if (file == null) open();
            write(s, data, at, n);
            wait(s, e, null);
        }
    }

    /** A piece in the temporary file; joined to the one before when they touch, so pieces stay few. */
    private void wait(long s, long e, byte[] none) {
        Map.Entry<Long, Piece> before = waiting.lowerEntry(s);
        if (before != null && before.getValue().data() == null && before.getValue().end() == s) {
            waiting.put(before.getKey(), new Piece(e, null));
        } else {
            waiting.put(s, new Piece(e, none));
        }
    }

    /** Hashes the waiting pieces that now follow the bytes hashed. */
    private void drain() throws IOException {
        Map.Entry<Long, Piece> p;
        while ((p = waiting.firstEntry()) != null && p.getKey() == hashed) {
            waiting.pollFirstEntry();
            hashPiece(p.getKey(), p.getValue());
        }
    }

    private void hashPiece(long start, Piece p) throws IOException {
        if (p.data() != null) {
            digests.update(start, p.data(), 0, p.data().length);
            memory.used -= p.data().length;
            memoryPieces--;
        } else {
            byte[] buf = new byte[(int) Math.min(1 << 16, p.end() - start)];
            for (long pos = start; pos < p.end(); ) {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, p.end() - pos));
                int r = file.read(bb, pos);
                if (r <= 0) throw new IOException("temporary file shorter than written");
                digests.update(pos, buf, 0, r);
                pos += r;
            }
        }
        hashed = p.end();
    }

    /** Hashes what still waits, in offset order across the holes; then the digests. */
    Map<Digests.Hash, String> finish() throws IOException {
        Map.Entry<Long, Piece> p;
        while ((p = waiting.pollFirstEntry()) != null) hashPiece(p.getKey(), p.getValue());
        return digests.finish();
    }

    String magic() {
        return digests.magic();
    }

    /** The kept content (holes sparse), closed; null when the file is not kept. */
    Path content() throws IOException {
        if (file != null) file.close();
        file = null;
        return keep ? path : null;
    }

    /** Closes and removes what this transfer holds on disk (its content when not kept). */
    void discard() {
        for (Piece p : waiting.values()) if (p.data() != null) memory.used -= p.data().length;
        waiting.clear();
        try {
            if (file != null) file.close();
        } catch (IOException ignored) {
            // removed below
        }
        file = null;
        try {
            if (path != null) java.nio.file.Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the run's temporary directory goes at the end
        }
    }

    private void open() throws IOException {
        FileChannel[] c = new FileChannel[1];
        path = temps.create(c);
        file = c[0];
    }

    private void write(long pos, byte[] data, int at, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(data, at, n);
        while (bb.hasRemaining()) file.write(bb, pos + (bb.position() - at));
    }
}
