package io.smbwatch.pipeline;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Frame;
import io.smbwatch.packet.LinkType;
import io.smbwatch.detect.engine.Alert;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.engine.Thresholds;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads a capture with its flows sharded over several worker threads, and hands the outputs on in
 * the order one thread would have produced them.
 *
 * <p>The reading thread sends each frame to the worker that owns its pair of hosts (a hash of the
 * two IP addresses, the same both ways), so that connections sharing SMB2 state (a FileId opened on
 * one connection and used on another, a session bound to a second channel) and IP fragments stay
 * together; or, {@code byFlow}, the worker that owns its flow (addresses and ports; fragments, which
 * lack ports, by the addresses): more parallel when a few host pairs carry the traffic, but SMB2
 * state shared between connections is then known only in the worker of the connection that set it. A worker runs a whole {@link Pipeline} and its own {@link DetectEngine} on its frames
 * and records what they emit (messages, alerts, flow ends), each keyed by the frame whose
 * processing emitted it. The reading thread merges the records of each slice of the capture
 * ({@link #SLICE} frames) by that key and replays them to the one set of outputs, detectors and
 * incident grouping, which thus see exactly the sequence of a single-threaded run: a frame's own
 * events in the order its worker made them; flows that time out on a frame (every worker is told
 * the capture time of every frame) and flows still open at the end in the order of their last
 * frame, as one flow table's LRU order would have them. Rule thresholds, which count across flows,
 * are applied to the merged alerts. While the workers process one slice, the reader reads the next
 * and replays the previous one.
 *
 * <p>What differs from one thread: each worker has its own flow-table and stream-memory caps
 * (Settings), so with N workers N times as many flows and buffered bytes are allowed. Otherwise
 * the output is byte for byte that of one worker (by flow: where no state is shared between
 * connections, and no datagram of a flow is fragmented).
 */
public final class ShardedRun {
    /**
     * A slice, what the workers process between two merges, ends after this many frames or bytes:
     * small enough to stay in the caches (smaller slices measured faster) and to bound the copies
     * (two slices in flight, each worker's share of one at most SLICE_BYTES plus a frame).
     */
    static final int SLICE = 2048, SLICE_BYTES = 2 << 20;

    private final Worker[] workers;
    private final MessageListener out;
    private final AlertSink alertSink;
    private final Thresholds thresholds = new Thresholds();
    private final ExecutorService pool;
    private final boolean byFlow;

    /**
     * @param engines makes each worker's engine from the sink it must report to (null: no rules);
     *     its thresholds are deferred to the merge
     */
    public ShardedRun(int n, boolean byFlow, Settings settings, MessageListener out, AlertSink alertSink,
                      Function<AlertSink, DetectEngine> engines) {
        this.byFlow = byFlow;
        this.out = out;
        this.alertSink = alertSink;
        workers = new Worker[n];
        for (int i = 0; i < n; i++) workers[i] = new Worker(settings, engines);
        pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "smbwatch-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the whole capture; returns the workers' statistics added up. */
    public Stats run(CaptureReader reader) throws IOException {
        try {
            Frame f = new Frame();
            boolean[] more = {true};
            long[] lastSecond = {Long.MIN_VALUE};
            int side = 0;
            fill(reader, f, side, more, lastSecond);
            List<Future<List<Event>>> running = submit(side, !more[0]);
            while (running != null) {
                boolean filled = false;
                if (more[0]) {                    // the next slice, while the workers process this one
                    side ^= 1;
                    fill(reader, f, side, more, lastSecond);
                    filled = true;
                }
                List<Event> done = collect(running);
                running = filled ? submit(side, !more[0]) : null;
                replay(done);                     // while the workers process the next one
            }
        } finally {
            pool.shutdownNow();
        }
        Stats total = new Stats();
        for (Worker w : workers) total.add(w.pipeline.stats());
        return total;
    }

    private final Stats first = new Stats();

    /** Holds the capture's first timestamp once reading has started (what the text output counts time from). */
    public Stats firstFrame() {
        return first;
    }

    private void fill(CaptureReader reader, Frame f, int side, boolean[] more, long[] lastSecond) throws IOException {
        for (Worker w : workers) w.slices[side].clear();
        long bytes = 0;
        for (int n = 0; n < SLICE && bytes < SLICE_BYTES; n++) {
            if (!reader.next(f)) {
                more[0] = false;
                return;
            }
            if (first.firstSeconds < 0) {
                first.firstSeconds = f.tsSeconds;
                first.firstNanos = f.tsNanos;
            }
            int owner = Math.floorMod(shard(f, byFlow), workers.length);
            for (int i = 0; i < workers.length; i++) {
                if (i == owner) workers[i].slices[side].addFrame(f);
                else if (f.tsSeconds != lastSecond[0]) workers[i].slices[side].addTick(f.number, f.tsSeconds);
            }
            lastSecond[0] = f.tsSeconds;
            lastNumber = f.number;
            bytes += f.capLen;
        }
    }

    private long lastNumber;

    private List<Future<List<Event>>> submit(int side, boolean last) {
        List<Future<List<Event>>> r = new ArrayList<>();
        long end = lastNumber;
        for (Worker w : workers) r.add(pool.submit(() -> w.process(w.slices[side], last, end)));
        return r;
    }

    private List<Event> collect(List<Future<List<Event>>> running) throws IOException {
        List<Event> all = new ArrayList<>();
        try {
            for (Future<List<Event>> r : running) all.addAll(r.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IOException(e.getCause());
        }
        // by frame; on a frame, first the flows its time ended (by their last frames, as an LRU table
        // ends them), then the frame's own events, in the order their worker made them
        all.sort((a, b) -> {
            if (a.frame != b.frame) return Long.compare(a.frame, b.frame);
            boolean ta = a.sub != 0, tb = b.sub != 0;
            if (ta != tb) return ta ? -1 : 1;
            if (a.sub != b.sub) return Long.compare(a.sub, b.sub);
            return Long.compare(a.seq, b.seq);
        });
        return all;
    }

    private void replay(List<Event> events) {
        for (Event e : events) {
            if (e.message != null) {
                SmbMessage m = e.message;
                // the views the connection cut after the worker's call, back (as copies) for the outputs'
                if (e.payload != null) {
                    m.payload = e.payload;
                    m.payloadOff = 0;
                    m.payloadLen = e.n;
                    m.headerOff = Math.min(e.n, Math.max(0, m.headerOff - e.delta));
                    m.bodyOff = Math.min(e.n, Math.max(0, m.bodyOff - e.delta));
                    m.bodyEnd = Math.min(e.n, Math.max(0, m.bodyEnd - e.delta));
                }
                if (e.pipe != null) {
                    m.pipeData = e.pipe;
                    m.pipeOff = 0;
                }
                out.onMessage(m);
                m.payload = null;
                m.pipeData = null;
            } else if (e.alert != null) {
                if (thresholds.pass(e.alert)) {
                    alerts++;
                    alertSink.onAlert(e.alert);
                }
            } else {
                out.onFlowEnd(e.flowEnd);
            }
        }
    }

    private long alerts;

    /** Counters of the engines added up: {alerts written, payloads inspected, rule evaluations}. */
    public long[] engineCounters() {
        long[] c = new long[3];
        c[0] = alerts;
        for (Worker w : workers) {
            if (w.engine == null) continue;
            c[1] += w.engine.payloads;
            c[2] += w.engine.candidates;
        }
        return c;
    }

    /**
     * Which worker a frame goes to: a hash of its two IP addresses (and, by flow, ports), the same
     * in both directions (frames that are not IP go to worker 0).
     */
    static int shard(Frame f, boolean byFlow) {
        byte[] b = f.data;
        int o = f.offset, end = f.offset + f.capLen;
        int type;
        switch (f.linkType) {
            case LinkType.ETHERNET: {
                if (end - o < 14) return 0;
                type = u16(b, o + 12);
                o += 14;
                while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && end - o >= 4) {
                    type = u16(b, o + 2);
                    o += 4;
                }
                break;
            }
            case LinkType.LINUX_SLL:
                if (end - o < 16) return 0;
                type = u16(b, o + 14);
                o += 16;
                break;
            case LinkType.LINUX_SLL2:
                if (end - o < 20) return 0;
                type = u16(b, o);
                o += 20;
                break;
            case LinkType.NULL: case LinkType.LOOP:
                o += 4;
                type = -1;
                break;
            default:
                type = -1;
        }
        if (o >= end) return 0;
        int version = (b[o] & 0xff) >>> 4;
        if (type == 0x0800 || type == -1 && version == 4) {
            if (end - o < 20) return 0;
            int h = hash(b, o + 12, 4) ^ hash(b, o + 16, 4);
            boolean fragment = (u16(b, o + 6) & 0x3fff) != 0;      // MF or an offset: no ports in every piece
            int proto = b[o + 9] & 0xff, ihl = (b[o] & 0x0f) * 4;
            if (byFlow && !fragment) h ^= ports(b, o + ihl, end, proto);
            return mix(h);
        }
        if (type == 0x86dd || type == -1 && version == 6) {
            if (end - o < 40) return 0;
            return mix(hash(b, o + 8, 16) ^ hash(b, o + 24, 16) ^ (byFlow ? ports(b, o + 40, end, b[o + 6] & 0xff) : 0));
        }
        return 0;
    }

    /** Both ports, the same in either direction; 0 when not TCP or UDP right after the IP header. */
    private static int ports(byte[] b, int at, int end, int proto) {
        if ((proto != 6 && proto != 17) || end - at < 4) return 0;
        int a = u16(b, at), c = u16(b, at + 2);
        return 0x9e3779b1 * (Math.min(a, c) * 65536 + Math.max(a, c));
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 1;
        for (int i = 0; i < len; i++) h = 31 * h + b[off + i];
        return h;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x7feb352d;
        h ^= h >>> 15;
        return h & 0x7fffffff;
    }

    /** Something a worker's pipeline emitted, with the place it takes in the single-threaded order. */
    private static final class Event {
        final long frame;         // the frame whose processing emitted it (Long.MAX_VALUE: the end of the capture)
        final long sub;           // 0 for a frame's own events; for flows ended by a tick or the end, the flow's last frame
        final long seq;
        final SmbMessage message;
        final Alert alert;
        final Flow flowEnd;
        byte[] payload, pipe;       // a message's copied views, and where the payload copy starts in the original
        int delta, n, pipeOff;

        Event(long frame, long sub, long seq, SmbMessage message, Alert alert, Flow flowEnd) {
            this.frame = frame;
            this.sub = sub;
            this.seq = seq;
            this.message = message;
            this.alert = alert;
            this.flowEnd = flowEnd;
        }
    }

    /** Frames (copied) and ticks for one worker's part of a slice. */
    private static final class Slice {
        byte[] data = new byte[SLICE_BYTES + (1 << 16)];
        int used;
        final List<Frame> frames = new ArrayList<>();   // a null data array marks a tick
        private final List<Frame> pool = new ArrayList<>();

        void clear() {
            pool.addAll(frames);
            frames.clear();
            used = 0;
        }

        private Frame next() {
            return pool.isEmpty() ? new Frame() : pool.remove(pool.size() - 1);
        }

        void addFrame(Frame f) {
            if (used + f.capLen > data.length) {
                // a slice's bytes fit in the array unless one frame is larger than the room left;
                // the frames already added keep the old array
                data = new byte[Math.max(SLICE_BYTES + (1 << 16), f.capLen)];
                used = 0;
            }
            frames.add(next().copyOf(f, data, used));
            used += f.capLen;
        }

        void addTick(long number, long seconds) {
            Frame c = next();
            c.data = null;
            c.number = number;
            c.tsSeconds = seconds;
            frames.add(c);
        }
    }

    /** One worker: a pipeline with its engine, and the recorder between them and the merge. */
    private static final class Worker implements MessageListener, AlertSink {
        final Pipeline pipeline;
        final DetectEngine engine;
        final Slice[] slices = {new Slice(), new Slice()};
        private List<Event> events;
        private long frame, seq;
        private boolean ticking;

        Worker(Settings settings, Function<AlertSink, DetectEngine> engines) {
            engine = engines == null ? null : engines.apply(this);
            if (engine != null) engine.deferThresholds();
            MessageListener chain = engine == null ? this : new io.smbwatch.output.Listeners(List.of(this, engine));
            pipeline = new Pipeline(settings, chain);
            if (engine != null) pipeline.setInspector(engine);
        }

        List<Event> process(Slice s, boolean last, long lastNumber) {
            events = new ArrayList<>();
            for (Frame f : s.frames) {
                frame = f.number;
                pipeline.readUpTo(f.number - 1);     // as one pipeline would be when this frame's time comes
                ticking = true;
                pipeline.tick(f.tsSeconds);
                ticking = false;
                if (f.data != null) pipeline.process(f);
            }
            if (last) {
                frame = Long.MAX_VALUE;
                pipeline.readUpTo(lastNumber);
                ticking = true;
                pipeline.finish();
            }
            List<Event> r = events;
            events = null;
            return r;
        }

        private long sub(Flow flow) {
            return ticking && flow != null ? flow.lastFrame : 0;
        }

        @Override
        public void onMessage(SmbMessage m) {
            Event e = new Event(frame, sub(m.flow), seq++, m, null, null);
            keep(m, e);
            events.add(e);
        }

        @Override
        public void onFlowEnd(Flow flow) {
            events.add(new Event(frame, sub(flow), seq++, null, null, flow));
        }

        @Override
        public void onAlert(Alert a) {
            events.add(new Event(frame, sub(a.flow()), seq++, null, a, null));
        }

        /**
         * The message outlives this call: its views into reused buffers are copied (the payload, at
         * most {@link #KEEP_PAYLOAD} bytes of it; pipe data whole, for file extraction).
         */
        private static void keep(SmbMessage m, Event e) {
            if (m.payload != null) {
                int delta = m.payloadOff, n = Math.min(m.payloadLen, KEEP_PAYLOAD);
                // the engine, after this recorder in the chain, still reads the original views
                e.payload = Arrays.copyOfRange(m.payload, m.payloadOff, m.payloadOff + n);
                e.delta = delta;
                e.n = n;
            }
            if (m.pipeData != null) {
                e.pipe = Arrays.copyOfRange(m.pipeData, m.pipeOff, m.pipeOff + m.pipeLen);
            }
        }

    }

    /** Payload bytes of a message kept for the outputs (headers and the start of the data; detectors read no further). */
    static final int KEEP_PAYLOAD = 64 * 1024;
}
