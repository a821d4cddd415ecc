package io.smbwatch.bench;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.Frame;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Dissection: a new Pipeline (decode, flows, TCP reassembly, NBSS, SMB1/SMB2/DCERPC) over the
 * frames of a sample capture held in memory as Frame objects, with a listener that only counts.
 * Primary score: passes over the capture per second; aux counters: SMB messages/s, frames/s and
 * captured bytes/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBench {
    @Param({"smb-sample.pcap", "rules-sample.pcap"})
    public String capture;

    Frame[] frames;
    long frameBytes;

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counts {
        public long messages;
        public long frames;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
            frames = 0;
            bytes = 0;
        }
    }

    static final class CountingListener implements MessageListener {
        long messages;

        @Override
        public void onMessage(SmbMessage m) {
            messages++;
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        frames = BenchData.frames(BenchData.repoFile("samples/" + capture));
        for (Frame f : frames) frameBytes += f.capLen;
        CountingListener l = new CountingListener();
        run(l);
        System.err.println(capture + ": " + frames.length + " frames, " + frameBytes + " bytes, " + l.messages + " SMB messages per pass");
    }

    private void run(CountingListener l) {
        Pipeline p = new Pipeline(Settings.defaults(), l);
        for (Frame f : frames) p.onFrame(f);
        p.finish();
    }

    @Benchmark
    public long dissect(Counts c) {
        CountingListener l = new CountingListener();
        run(l);
        c.messages += l.messages;
        c.frames += frames.length;
        c.bytes += frameBytes;
        return l.messages;
    }
}
