package io.smbwatch.bench;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.capture.Frame;
import io.smbwatch.capture.PcapWriter;
import io.smbwatch.packet.LinkType;
import io.smbwatch.stats.Anomalies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Walking the records of a classic pcap (Captures.open + PcapReader.next), counting frames.
 * The capture is samples/files-sample.pcap's records written REPEAT times with PcapWriter, so one
 * pass (the primary score: passes/s) is a few MB; the aux counters give frames/s and capture-file bytes/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PcapBench {
    /** files-sample.pcap is 282 KB: 32 copies make a 9 MB capture, well past the reader's 1 MiB first window. */
    static final int REPEAT = 32;

    byte[] capture;
    Path file;
    long frames;

    /** Per-iteration event counts, reported by JMH as rates (ops/s). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counts {
        public long frames;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Frame[] sample = BenchData.frames(BenchData.repoFile("samples/files-sample.pcap"));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bos, LinkType.ETHERNET, false)) {
            for (int i = 0; i < REPEAT; i++) for (Frame f : sample) w.write(f);
        }
        capture = bos.toByteArray();
        frames = (long) REPEAT * sample.length;
        file = Files.createTempFile("smbwatch-jmh", ".pcap");
        Files.write(file, capture);
        long n = walk(Captures.open(new BenchData.ArrayChannel(capture), new Anomalies()));
        if (n != frames) throw new IllegalStateException("read " + n + " frames, wrote " + frames);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    private static long walk(CaptureReader r) throws IOException {
        long n = 0;
        try (r) {
            Frame f = new Frame();
            while (r.next(f)) n++;
        }
        return n;
    }

    /** From a byte array in memory: the reader's parsing and window refills, no system calls. */
    @Benchmark
    public long memory(Counts c) throws IOException {
        long n = walk(Captures.open(new BenchData.ArrayChannel(capture), new Anomalies()));
        c.frames += n;
        c.bytes += capture.length;
        return n;
    }

    /** From a temp file (in the page cache after the first pass): as `smbwatch read FILE` does. */
    @Benchmark
    public long file(Counts c) throws IOException {
        long n = walk(Captures.open(file.toString(), new Anomalies()));
        c.frames += n;
        c.bytes += capture.length;
        return n;
    }
}
