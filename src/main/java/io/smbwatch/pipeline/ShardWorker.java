package io.smbwatch.pipeline;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Frame;
import io.smbwatch.detect.engine.Alert;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.flow.Flow;
import io.smbwatch.output.Listeners;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.Stats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One worker of a {@link ShardedRun}: a pipeline with its engine, and the recorder between them
 * and the merge, which keys each message, alert and flow end by the frame whose processing
 * emitted it.
 */
final class ShardWorker implements MessageListener, AlertSink {
    final Pipeline pipeline;
    final DetectEngine engine;
    final ShardSlice[] slices = {new ShardSlice(), new ShardSlice()};
    private List<ShardEvent> events;
    private long frame, seq;
    private boolean ticking;
    private long bytes;       // copies held by the records of the current chunk
    boolean keepFileData = true;
    long resets;              // of the worker's Sharder, once it has read the whole capture
    private long lastSecond = Long.MIN_VALUE, lastNumber;

    ShardWorker(Settings settings, Function<AlertSink, DetectEngine> engines) {
        engine = engines == null ? null : engines.apply(this);
        if (engine != null) engine.deferThresholds();
        MessageListener chain = engine == null ? this : new Listeners(List.of(this, engine));
        pipeline = new Pipeline(settings, chain);
        if (engine != null) pipeline.setInspector(engine);
    }

    /** The frames and ticks of one slice (the reading thread's); {@code last}: then the end of the capture. */
    List<ShardEvent> process(ShardSlice s, boolean last, long lastNumber) {
        events = new ArrayList<>();
        for (Frame f : s.frames) {
            frame = f.number;
            pipeline.readUpTo(f.number - 1);     // as one pipeline would be when this frame's time comes
            tick(f.tsSeconds);
            if (f.data != null) pipeline.process(f);
        }
        if (last) end(lastNumber);
        List<ShardEvent> r = events;
        events = null;
        return r;
    }

    /** Reads the whole capture, analysing the frames of shard {@code index} of {@code n}. */
    void readAll(CaptureReader r, int index, int n, boolean byFlow, ShardChunks out, Stats first)
            throws IOException, InterruptedException {
        Sharder sharder = new Sharder(n, byFlow);   // each worker makes the same choices from the same frames
        Frame f = new Frame();
        if (r.nextHead(f, Sharder.KEY_BYTES) && first != null) {
            first.firstSeconds = f.tsSeconds;
            first.firstNanos = f.tsNanos;
        }
        boolean more = f.number > 0;
        while (more) {
            events = new ArrayList<>();
            bytes = 0;
            more = readChunk(r, f, sharder, index);
            if (more) out.put(new ShardChunks.Chunk(events, bytes, false));
        }
        end(lastNumber);
        resets = sharder.resets;
        out.put(new ShardChunks.Chunk(events, bytes, true));
        events = null;
    }

    /** The end of the capture: every flow still open ends. */
    private void end(long lastNumber) {
        frame = Long.MAX_VALUE;
        pipeline.readUpTo(lastNumber);
        ticking = true;
        pipeline.finish();
    }

    private void tick(long seconds) {
        ticking = true;
        pipeline.tick(seconds);
        ticking = false;
    }

    /**
     * The frames up to the end of the current range of SLICE (the same ranges in every worker),
     * from {@code f}, already read; false at the end of the capture. A method per range, not one
     * loop over the capture: when another worker reaches the end of the capture first, the JIT
     * drops code compiled for the loop's path, and a loop running since the start would then
     * stay interpreted for a long while (measured: a second per million frames stepped over).
     */
    private boolean readChunk(CaptureReader r, Frame f, Sharder sharder, int index) throws IOException {
        while (true) {
            if (sharder.owner(f) == index) {
                r.whole(f);      // the sharder read only the first KEY_BYTES; other workers' frames are stepped over unread
                mine(f);
            } else {
                other(f);
            }
            boolean rangeEnd = f.number % ShardedRun.SLICE == 0;
            if (!r.nextHead(f, Sharder.KEY_BYTES)) return false;
            if (rangeEnd) return true;
        }
    }

    // the work of one frame in methods of their own: compiled as methods, not only as part of
    // readAll's loop (replaced on stack), whose recompilations kept it interpreted for a while

    private void mine(Frame f) {
        frame = f.number;
        pipeline.readUpTo(f.number - 1);
        tick(f.tsSeconds);
        pipeline.process(f);
        lastSecond = f.tsSeconds;
        lastNumber = f.number;
    }

    /** Another worker's frame: only its time counts here. */
    private void other(Frame f) {
        if (f.tsSeconds != lastSecond) {
            frame = f.number;
            pipeline.readUpTo(f.number - 1);
            tick(f.tsSeconds);
            lastSecond = f.tsSeconds;
        }
        lastNumber = f.number;
    }

    private long sub(Flow flow) {
        return ticking && flow != null ? flow.lastFrame : 0;
    }

    /** First in the chain: the engine, after this recorder, still reads the original views. */
    @Override
    public void onMessage(SmbMessage m) {
        ShardEvent e = new ShardEvent(frame, sub(m.flow), seq++, m, null, null);
        bytes += 512 + e.copyViews(keepFileData);
        events.add(e);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        events.add(new ShardEvent(frame, sub(flow), seq++, null, null, flow));
    }

    @Override
    public void onAnomaly(Anomalies.Anomaly a) {
        Flow flow = a.where() != null && a.where().flow() instanceof Flow f ? f : null;
        ShardEvent e = new ShardEvent(frame, sub(flow), seq++, null, null, null);
        e.anomaly = a;
        events.add(e);
    }

    @Override
    public void onAlert(Alert a) {
        events.add(new ShardEvent(frame, sub(a.flow()), seq++, null, a, null));
    }
}
