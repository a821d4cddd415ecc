package io.smbwatch.bench;

import io.smbwatch.stream.StreamMemory;
import io.smbwatch.stream.StreamSink;
import io.smbwatch.stream.TcpReassembler;
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
 * TcpReassembler fed SEGMENTS full-size (1448-byte) segments of one direction into a sink that
 * counts bytes. One op = one segment: score = segments/s; payload MB/s = score * 1448 / 10^6.
 * In order, the reassembler hands the caller's bytes on without copying, so that figure is
 * bookkeeping per segment, not a memory bandwidth.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReassemblyBench {
    static final int MSS = 1448;
    static final int SEGMENTS = 1024;
    static final int BYTES = MSS * SEGMENTS;
    /** Close to 2^32, so the stream's sequence numbers wrap half way through. */
    static final long ISN = 0xffffffffL - BYTES / 2;

    byte[] data;
    int[] inOrder;
    /** Segments 8k+1 and 8k swapped: one segment in eight arrives early and is buffered (a copy). */
    int[] swappedPairs;

    static final class Counter implements StreamSink {
        long bytes;
        long gaps;

        @Override
        public void onData(byte[] b, int off, int len, long frame) {
            bytes += len;
        }

        @Override
        public void onGap(long len, long frame) {
            gaps++;
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        data = new byte[BYTES];
        new Random(1).nextBytes(data);
        inOrder = new int[SEGMENTS];
        swappedPairs = new int[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            inOrder[i] = i;
            swappedPairs[i] = i % 8 == 0 ? i + 1 : i % 8 == 1 ? i - 1 : i;
        }
        for (int[] order : new int[][] {inOrder, swappedPairs}) {
            Counter c = new Counter();
            run(order, c);
            if (c.bytes != BYTES || c.gaps != 0) throw new IllegalStateException("delivered " + c.bytes + ", gaps " + c.gaps);
        }
    }

    private long run(int[] order, Counter c) {
        // what Pipeline gives one direction: Settings.defaults() caps (1 MiB per direction, 64 MiB total)
        TcpReassembler r = new TcpReassembler(c, new StreamMemory(64L << 20), 1 << 20);
        r.onSyn(ISN);
        long first = (ISN + 1) & 0xffffffffL;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            r.onSegment((first + (long) i * MSS) & 0xffffffffL, data, i * MSS, MSS, 0, k + 1);
        }
        r.flush(order.length);
        return c.bytes;
    }

    @Benchmark
    @OperationsPerInvocation(SEGMENTS)
    public long inOrder() {
        return run(inOrder, new Counter());
    }

    @Benchmark
    @OperationsPerInvocation(SEGMENTS)
    public long outOfOrderPairs() {
        return run(swappedPairs, new Counter());
    }
}
