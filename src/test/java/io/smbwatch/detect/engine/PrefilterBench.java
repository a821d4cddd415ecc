package io.smbwatch.detect.engine;

import io.smbwatch.bench.BenchData;
import io.smbwatch.detect.rule.BufferKind;
import io.smbwatch.detect.rule.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The prefilter's pattern scanner (package-private, hence this package) over 64 KiB buffers, built
 * from the payload fast patterns of et-smb.rules of two bytes or more (all of them in one scanner,
 * window 2: the worst case; the engine splits them by direction, kind and the flow's ports), and
 * from those of eight bytes or more (window 8, what a port-445 flow's to_client messages get), or
 * from a short built-in list when the shared corpus is absent. One op = one byte scanned, time
 * unit microseconds: the score reads as MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrefilterBench {
    static final int SIZE = 64 * 1024;

    /** Used without the shared rules: contents typical of ET SMB rules. */
    static final String[] FALLBACK = {
        "\u00ffSMB", "\u00feSMB", "\\PIPE\\", "I\0P\0C\0$\0", "A\0D\0M\0I\0N\0$\0", "NTLMSSP\0", ".\0e\0x\0e\0",
        ".\0d\0l\0l\0", "s\0v\0c\0c\0t\0l\0", "l\0s\0a\0r\0p\0c\0", "s\0a\0m\0r\0", "PSEXESVC", "\u0005\0\u000b\u0003",
    };

    PatternScanner ac;
    PatternScanner longOnly;
    byte[] random;
    byte[] smb;
    long hits;
    final PatternScanner.Hit count = id -> hits++;

    @Setup(Level.Trial)
    public void setup() {
        List<byte[]> patterns = new ArrayList<>();
        if (BenchData.etSmbRules() != null) {
            for (Rule r : BenchData.rules()) {
                // as DetectEngine.build: only payload fast patterns go into the automaton
                if (r.inert() == null && r.fastPattern() != null && r.fastPatternBuffer() == BufferKind.PAYLOAD) {
                    if (r.fastPattern().prefilterBytes().length >= 2) patterns.add(r.fastPattern().prefilterBytes());
                }
            }
        } else {
            for (String s : FALLBACK) patterns.add(s.getBytes(StandardCharsets.ISO_8859_1));
            System.err.println("prefilter: no et-smb.rules found, built-in list");
        }
        ac = new PatternScanner(patterns);
        longOnly = new PatternScanner(patterns.stream().filter(p -> p.length >= 8).toList());
        random = new byte[SIZE];
        new Random(1).nextBytes(random);
        smb = BenchData.tcpPayloads(BenchData.frames(BenchData.repoFile("samples/smb-sample.pcap")), SIZE);
        hits = 0;
        ac.scan(smb, 0, SIZE, count);
        System.err.println("prefilter: " + patterns.size() + " patterns, " + "window " + ac.window() + "; " + hits
                + " hits in the 64 KiB SMB buffer");
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public long randomBytes() {
        hits = 0;
        ac.scan(random, 0, SIZE, count);
        return hits;
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public long smbPayload() {
        hits = 0;
        ac.scan(smb, 0, SIZE, count);
        return hits;
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public long randomBytesLongPatterns() {
        hits = 0;
        longOnly.scan(random, 0, SIZE, count);
        return hits;
    }
}
