package io.smbwatch.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.output.Listeners;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers hashed as their bytes come (issue 20): the digests of chunks in any order, through
 * memory or the temporary file, equal those of the file; a hostile declared offset costs only the
 * bytes seen (issue 18); temporary and stored files are private and never reached through a link.
 */
class StreamingHashTest {
    static final Set<Digests.Hash> ALL = EnumSet.allOf(Digests.Hash.class);

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static byte[] content(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Feeds the file as chunks of {@code size} in the given order, then finishes. */
    static Map<Digests.Hash, String> feed(byte[] file, int size, List<Integer> order, TempFiles t, boolean keep,
                                          long memory, Path[] kept) throws Exception {
        Transfer x = new Transfer("k", 1, new SmbMessage(), 0, "fid", 4096, new Digests(ALL), t, keep, new Transfer.Memory(memory));
        for (int i : order) {
            int off = i * size, len = Math.min(size, file.length - off);
            assertEquals(len, x.add(off, file, off, len));
        }
        Map<Digests.Hash, String> d = x.finish();
        Path p = x.content();
        if (kept != null) kept[0] = p;
        return d;
    }

    @Test
    void anyOrderAnyStorageGivesTheFilesDigests(@TempDir Path dir) throws Exception {
        byte[] file = content(300_000, 1);
        int size = 4096, n = (file.length + size - 1) / size;
        List<Integer> inOrder = new ArrayList<>(), shuffled = new ArrayList<>(), reversed = new ArrayList<>();
        for (int i = 0; i < n; i++) inOrder.add(i);
        shuffled.addAll(inOrder);
        Collections.shuffle(shuffled, new Random(7));
        reversed.addAll(inOrder);
        Collections.reverse(reversed);
        try (TempFiles t = new TempFiles(dir)) {
            Map<Digests.Hash, String> want = feed(file, size, inOrder, t, false, 1 << 20, null);
            assertEquals(sha256(file), want.get(Digests.Hash.SHA256));
            for (List<Integer> order : List.of(shuffled, reversed)) {
                assertEquals(want, feed(file, size, order, t, false, 1 << 20, null), "in memory");
                assertEquals(want, feed(file, size, order, t, false, 0, null), "in the temporary file");
                assertEquals(want, feed(file, size, order, t, false, 50_000, null), "part in memory, part on disk");
                Path[] kept = new Path[1];
                assertEquals(want, feed(file, size, order, t, true, 1 << 20, kept), "kept");
                assertEquals(sha256(file), sha256(Files.readAllBytes(kept[0])));
            }
        }
    }

    /** Overlapping chunks: the first bytes at an offset win, as in TCP. */
    @Test
    void firstDataWins(@TempDir Path dir) throws Exception {
        byte[] a = "AAAAAAAAAA".getBytes(StandardCharsets.US_ASCII), b = "BBBBBBBBBB".getBytes(StandardCharsets.US_ASCII);
        try (TempFiles t = new TempFiles(dir)) {
            Transfer x = new Transfer("k", 1, new SmbMessage(), 0, "fid", 16, new Digests(ALL), t, false, new Transfer.Memory(1 << 20));
            x.add(5, b, 0, 10);     // waits: bytes 0..5 have not come
            x.add(0, a, 0, 10);     // 0..5 from a, 5..10 already b's
            assertEquals(sha256("AAAAABBBBBBBBBB".getBytes(StandardCharsets.US_ASCII)), x.finish().get(Digests.Hash.SHA256));
        }
    }

    /** A gap: the digests run over the bytes seen, in offset order; the type comes from the leading bytes. */
    @Test
    void holesAreSkipped(@TempDir Path dir) throws Exception {
        byte[] head = "MZ and more".getBytes(StandardCharsets.US_ASCII), tail = "tail".getBytes(StandardCharsets.US_ASCII);
        try (TempFiles t = new TempFiles(dir)) {
            Transfer x = new Transfer("k", 1, new SmbMessage(), 0, "fid", 16, new Digests(EnumSet.of(Digests.Hash.SHA256)), t, false,
                    new Transfer.Memory(1 << 20));
            x.add(1000, tail, 0, tail.length);
            x.add(0, head, 0, head.length);
            Map<Digests.Hash, String> d = x.finish();
            assertEquals(sha256("MZ and moretail".getBytes(StandardCharsets.US_ASCII)), d.get(Digests.Hash.SHA256));
            assertNull(d.get(Digests.Hash.MD5), "MD5 not asked for");
            assertTrue(x.magic().contains("MS-DOS") || x.magic().contains("PE") || x.magic().contains("executable"), x.magic());
            assertTrue(x.ranges.hasGaps());
        }
    }

    /**
     * Issue 18 row 7: one byte at offset 0xFFFFFFFE of a Write declaring 2 GiB. Only that byte
     * is hashed (no zero-filling: the run is instant) and nothing is written to disk under -l.
     */
    @Test
    void aHugeDeclaredOffsetCostsOnlyTheBytesSeen(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        try (TempFiles t = new TempFiles(work)) {
            Transfer x = new Transfer("k", 1, new SmbMessage(), 0, "fid", 16, new Digests(ALL), t, false, new Transfer.Memory(1 << 20));
            long t0 = System.nanoTime();
            x.add(0xFFFFFFFEL, new byte[] {42}, 0, 1);
            x.declaredEnd = 0xFFFFFFFEL + (2L << 30);
            assertEquals(sha256(new byte[] {42}), x.finish().get(Digests.Hash.SHA256));
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "no work proportional to the offset");
            assertNull(x.content());
            try (Stream<Path> s = Files.walk(work)) {
                assertEquals(0, s.filter(Files::isRegularFile).count(), "no file written for a hashed-only transfer");
            }
        }
    }

    /** Temporary files in a private directory (0700), 0600 each; the directory goes with close(). */
    @Test
    void temporaryFilesArePrivateAndRemoved(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(TempFiles.POSIX, "no POSIX file modes here");
        Path made;
        try (TempFiles t = new TempFiles(dir)) {
            java.nio.channels.FileChannel[] c = new java.nio.channels.FileChannel[1];
            made = t.create(c);
            c[0].close();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made.getParent())));
        }
        assertFalse(Files.exists(made.getParent()), "temporary directory removed");
    }

    /**
     * --extract-files in a directory another user can write: links planted at the names the
     * extractor will use are replaced or skipped, never written through.
     */
    @Test
    void plantedLinksAreNeverFollowed(@TempDir Path dir) throws Exception {
        Path pcap = Path.of("samples", "files-sample.pcap");
        Path store = dir.resolve("store"), victim = dir.resolve("victim");
        Files.createDirectories(store);
        Files.writeString(victim, "precious");
        Map<String, String> known = FilesSampleTest.known();
        String sha = known.get("one.bin");
        Files.createSymbolicLink(store.resolve(sha + ".json"), victim);
        for (int i = 1; i <= 16; i++) Files.createSymbolicLink(store.resolve(".part-" + i), victim);
        List<ExtractedFile> files = run(pcap, store, 0);
        assertEquals("precious", Files.readString(victim), "the victim file is untouched");
        assertTrue(files.stream().anyMatch(f -> sha.equals(f.sha256())));
        Path kept = store.resolve(sha);
        assertTrue(Files.isRegularFile(kept, LinkOption.NOFOLLOW_LINKS));
        assertEquals(sha, sha256(Files.readAllBytes(kept)));
        if (TempFiles.POSIX) assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
        try (Stream<Path> s = Files.list(store)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".smbwatch-tmp")), "temporary directory removed");
        }
    }

    /** The sample's known hashes with no reorder memory at all (every waiting byte through the temporary file). */
    @Test
    void sampleHashesWithoutReorderMemory(@TempDir Path dir) throws Exception {
        Map<String, String> known = FilesSampleTest.known();
        List<ExtractedFile> files = run(Path.of("samples", "files-sample.pcap"), null, 0);
        for (String name : List.of("one.bin", "file64k.bin")) {
            assertEquals(4, files.stream().filter(f -> known.get(name).equals(f.sha256()) && !f.truncated()).count(), name);
        }
    }

    static List<ExtractedFile> run(Path capture, Path store, long reorderMemory) throws IOException {
        List<ExtractedFile> out = new ArrayList<>();
        try (FileExtractor x = new FileExtractor(store, 64, 256, 4096, 1L << 32, io.smbwatch.config.Config.Outputs.DEFAULT_HASHES, reorderMemory)) {
            x.addSink(out::add);
            Pipeline p = new Pipeline(Settings.defaults(), new Listeners(List.of(new io.smbwatch.app.tx.Transactions().deliver(x))));
            try (CaptureReader r = Captures.open(capture.toString(), p.anomalies())) {
                p.run(r);
            }
        }
        return out;
    }
}
