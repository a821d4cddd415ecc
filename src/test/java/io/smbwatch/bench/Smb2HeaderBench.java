package io.smbwatch.bench;

import io.smbwatch.capture.Frame;
import io.smbwatch.proto.smb2.Smb2Header;
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
 * Smb2Header.parse alone on HEADERS real 64-byte SMB2 headers, cut from the TCP payloads of
 * samples/smb-sample.pcap (cycled to fill the array). One op = one header: score = headers/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Smb2HeaderBench {
    static final int HEADERS = 256;

    byte[] headers;
    final Smb2Header h = new Smb2Header();

    @Setup(Level.Trial)
    public void setup() {
        Frame[] frames = BenchData.frames(BenchData.repoFile("samples/smb-sample.pcap"));
        byte[] payload = BenchData.tcpPayloads(frames, 1 << 20);
        java.io.ByteArrayOutputStream found = new java.io.ByteArrayOutputStream();
        for (int i = 0; i + Smb2Header.SIZE <= payload.length && found.size() < HEADERS * Smb2Header.SIZE; i++) {
            if ((payload[i] & 0xff) == 0xfe && payload[i + 1] == 'S' && payload[i + 2] == 'M' && payload[i + 3] == 'B') {
                found.write(payload, i, Smb2Header.SIZE);
            }
        }
        headers = found.toByteArray();
        if (headers.length != HEADERS * Smb2Header.SIZE) throw new IllegalStateException("found " + headers.length / 64 + " SMB2 headers");
    }

    @Benchmark
    @OperationsPerInvocation(HEADERS)
    public long parse() {
        long sum = 0;
        for (int off = 0; off < headers.length; off += Smb2Header.SIZE) {
            if (h.parse(headers, off, Smb2Header.SIZE)) sum += h.command + h.messageId + h.sessionId + h.treeId + h.flags;
        }
        return sum;
    }
}
