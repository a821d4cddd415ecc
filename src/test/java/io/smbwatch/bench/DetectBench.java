package io.smbwatch.bench;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.Frame;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.output.Listeners;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.util.List;
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
 * Rule evaluation: Pipeline + DetectEngine (et-smb.rules, or a small built-in set when the
 * shared corpus is absent), wired as DetectVsSuricataTest does, over a sample capture's frames
 * held in memory. The engine is built per pass outside the timing (its cost is {@link #build});
 * primary score: passes/s; aux counters: frames/s, SMB messages/s, captured bytes/s, alerts/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectBench {
    List<Rule> rules;

    /** The only place the engine is made: a change of DetectEngine's constructor is fixed here. */
    static DetectEngine engine(List<Rule> rules, AlertSink sink) {
        return new DetectEngine(rules, sink);
    }

    static final class Pass implements MessageListener {
        long messages;
        long alerts;

        @Override
        public void onMessage(SmbMessage m) {
            messages++;
        }
    }

    /** A fresh engine per pass: flowbits, thresholds and per-flow state start empty each time. */
    @State(Scope.Thread)
    public static class Fresh {
        Pass pass;
        DetectEngine engine;

        @Setup(Level.Invocation)
        public void make(DetectBench b) {
            Pass p = new Pass();
            pass = p;
            engine = engine(b.rules, a -> p.alerts++);
        }
    }

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counts {
        public long messages;
        public long frames;
        public long bytes;
        public long alerts;

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
            frames = 0;
            bytes = 0;
            alerts = 0;
        }
    }

    /** The capture, in its own state so that only {@link #detect} runs once per capture. */
    @State(Scope.Benchmark)
    public static class Input {
        @Param({"smb-sample.pcap", "rules-sample.pcap"})
        public String capture;

        Frame[] frames;
        long frameBytes;

        @Setup(Level.Trial)
        public void setup(DetectBench b) {
            frames = BenchData.frames(BenchData.repoFile("samples/" + capture));
            for (Frame f : frames) frameBytes += f.capLen;
            Pass p = new Pass();
            run(frames, p, engine(b.rules, a -> p.alerts++));
            System.err.println(capture + ": " + frames.length + " frames, " + p.messages + " SMB messages, " + p.alerts + " alerts per pass");
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        rules = BenchData.rules();
    }

    private static void run(Frame[] frames, Pass pass, DetectEngine e) {
        Pipeline p = new Pipeline(Settings.defaults(), new Listeners(List.of(pass, e)));
        p.setInspector(e);
        for (Frame f : frames) p.onFrame(f);
        p.finish();
    }

    @Benchmark
    public long detect(Input in, Fresh f, Counts c) {
        run(in.frames, f.pass, f.engine);
        c.messages += f.pass.messages;
        c.frames += in.frames.length;
        c.bytes += in.frameBytes;
        c.alerts += f.pass.alerts;
        return f.pass.alerts;
    }

    /** Building the engine (groups, prefilter automata) from the parsed rules: engines/s. */
    @Benchmark
    public DetectEngine build() {
        return engine(rules, a -> { });
    }
}
