package io.smbwatch.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smbwatch.stats.Anomalies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a capture file through mapped windows gives exactly the file's bytes and frames. */
class MappedFileChannelTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryByteAcrossWindowBoundariesWithOddReadSizes() throws IOException {
        byte[] data = new byte[MappedFileChannel.WINDOW * 2 + 12345];
        new Random(7).nextBytes(data);
        Path f = dir.resolve("x.bin");
        Files.write(f, data);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (MappedFileChannel ch = new MappedFileChannel(FileChannel.open(f, StandardOpenOption.READ))) {
            int[] sizes = {1, 7, 4096, 1 << 20, 3, 65536 + 5};
            int i = 0, r;
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            while (true) {
                b.clear().limit(sizes[i++ % sizes.length]);
                r = ch.read(b);
                if (r < 0) break;
                got.write(b.array(), 0, r);
            }
            assertEquals(-1, ch.read(ByteBuffer.allocate(8)), "stays at the end");
        }
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void aFileThatGrowsWhileReadIsReadToItsNewEnd() throws IOException {
        Path f = dir.resolve("grow.bin");
        Files.write(f, new byte[] {1, 2, 3});
        try (MappedFileChannel ch = new MappedFileChannel(FileChannel.open(f, StandardOpenOption.READ))) {
            ByteBuffer b = ByteBuffer.allocate(16);
            assertEquals(3, ch.read(b));
            assertEquals(-1, ch.read(b));
            Files.write(f, new byte[] {4, 5}, StandardOpenOption.APPEND);
            b.clear();
            assertEquals(2, ch.read(b));
            assertEquals(4, b.get(0));
        }
    }

    @Test
    void aLimitStopsAtTheSizeGivenEvenWhenTheFileGrows() throws IOException {
        Path f = dir.resolve("limit.bin");
        Files.write(f, new byte[] {1, 2, 3, 4, 5});
        try (MappedFileChannel ch = new MappedFileChannel(FileChannel.open(f, StandardOpenOption.READ), 4)) {
            Files.write(f, new byte[] {6, 7}, StandardOpenOption.APPEND);
            ByteBuffer b = ByteBuffer.allocate(16);
            assertEquals(4, ch.read(b));
            assertEquals(-1, ch.read(b));
        }
    }

    @Test
    void closedChannelRefusesReads() throws IOException {
        Path f = dir.resolve("c.bin");
        Files.write(f, new byte[10]);
        MappedFileChannel ch = new MappedFileChannel(FileChannel.open(f, StandardOpenOption.READ));
        ch.close();
        assertThrows(ClosedChannelException.class, () -> ch.read(ByteBuffer.allocate(4)));
    }

    @Test
    void aSampleCaptureGivesTheSameFramesMappedAsStreamed() throws IOException {
        Path sample = Path.of("samples/smb-sample.pcap");
        byte[] bytes = Files.readAllBytes(sample);
        var streamed = CaptureTestSupport.readAll(bytes, new Anomalies());
        try (CaptureReader mapped = Captures.open(sample.toString(), new Anomalies())) {
            assertEquals(streamed, CaptureTestSupport.readAll(mapped));
        }
        // and a truncated copy: the same frames and the same anomaly
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Anomalies a1 = new Anomalies(), a2 = new Anomalies();
        var s1 = CaptureTestSupport.readAll(java.util.Arrays.copyOf(bytes, bytes.length / 2), a1);
        try (CaptureReader mapped = Captures.open(cut.toString(), a2)) {
            assertEquals(s1, CaptureTestSupport.readAll(mapped));
        }
        assertEquals(a1.kept(), a2.kept());
        assertEquals(1, a2.total());
    }
}
