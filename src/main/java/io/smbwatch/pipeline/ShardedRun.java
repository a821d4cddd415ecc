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
import io.smbwatch.stats.Stats;
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
 * <p>Each frame belongs to one worker, chosen by {@link Sharder}: its pair of hosts (both ways),
 * so that connections sharing SMB2 state (a FileId opened on one connection and used on another, a
 * session bound to a second channel) and IP fragments stay together; or, {@code byFlow}, its flow
 * (addresses and ports; fragments, which lack ports, by the addresses): more parallel when a few
 * host pairs carry the traffic, but SMB2 state shared between connections is then known only in
 * the worker of the connection that set it. A worker runs a whole {@link Pipeline} and its own
 * {@link DetectEngine} on its frames and records what they emit (messages, alerts, flow ends),
 * each keyed by the frame whose processing emitted it. The records of each range of
 * {@link #SLICE} frames are merged by that key and replayed, in the calling thread, to the one set
 * of outputs, detectors and incident grouping, which thus see exactly the sequence of a
 * single-threaded run: a frame's own events in the order its worker made them; flows that time
 * out on a frame (every worker is told the capture time of every frame) and flows still open at
 * the end in the order of their last frame, as one flow table's LRU order would have them. Rule
 * thresholds, which count across flows, are applied to the merged alerts.
 *
 * <p>Two ways to feed the workers: from a file, {@link #run(CaptureReader, ReaderSource)}, every
 * worker reads the whole file itself and analyses its own frames, so no worker waits on another
 * or on a reading thread; from a stream (standard input), {@link #run(CaptureReader)}, the calling
 * thread reads, copies each frame into its worker's slice, and the workers process slice by slice.
 *
 * <p>What differs from one thread: each worker has its own flow-table and stream-memory caps
 * (Settings), so with N workers N times as many flows and buffered bytes are allowed. Otherwise
 * the output is byte for byte that of one worker (by flow: where no state is shared between
 * connections, and no datagram of a flow is fragmented).
 */
public final class ShardedRun implements io.smbwatch.stats.Capped {
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
    private final Sharder sharder;      // the reading thread's, in run(CaptureReader)

    /**
     * @param engines makes each worker's engine from the sink it must report to (null: no rules);
     *     its thresholds are deferred to the merge
     */
    public ShardedRun(int n, boolean byFlow, Settings settings, MessageListener out, AlertSink alertSink,
                      Function<AlertSink, DetectEngine> engines) {
        this.byFlow = byFlow;
        this.sharder = new Sharder(n, byFlow);
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
        return withSharderCaps(total, sharder.resets);
    }

    /** Opens another reader over the same capture (a file: each worker reads it whole). */
    public interface ReaderSource {
        CaptureReader open() throws IOException;
    }

    /**
     * Reads a capture file with every worker reading it whole on its own, each analysing its share
     * of the frames and stepping over the rest (their time still ticks its flow table). Workers are
     * then never held back by one another or by a reading thread, which matters when the capture's
     * traffic comes one big connection after another: the worker of the second one runs ahead
     * while the first one's worker is still busy. Their records come in chunks of {@link #SLICE}
     * frames, the same frame ranges in every worker, and are merged chunk by chunk in this thread as
     * in {@link #run(CaptureReader)}; a worker that gets more than {@link #AHEAD_BYTES} of records
     * ahead of the merge waits. {@code first} is worker 0's reader (progress and the capture's
     * anomalies are reported through it); the others come from {@code more}.
     */
    public Stats run(CaptureReader first, ReaderSource more) throws IOException {
        int n = workers.length;
        Chunks[] queues = new Chunks[n];
        List<Future<?>> running = new ArrayList<>();
        List<CaptureReader> opened = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                queues[i] = new Chunks();
                CaptureReader r = i == 0 ? first : more.open();
                if (i > 0) opened.add(r);
                Worker w = workers[i];
                int index = i;
                Chunks q = queues[i];
                running.add(pool.submit(() -> {
                    try {
                        w.readAll(r, index, n, byFlow, q, index == 0 ? this.first : null);
                    } catch (Throwable t) {
                        q.fail(t);
                    }
                }));
            }
            while (true) {
                List<Event> all = new ArrayList<>();
                boolean last = false;
                for (Chunks q : queues) {
                    Chunk c = q.take();
                    all.addAll(c.events);
                    last |= c.last;
                }
                sort(all);
                replay(all);
                if (last) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
            for (CaptureReader r : opened) {
                try {
                    r.close();
                } catch (IOException e) {
                    // the first error is the one that matters
                }
            }
        }
        Stats total = new Stats();
        for (Worker w : workers) total.add(w.pipeline.stats());
        return withSharderCaps(total, workers[0].resets);     // every worker made the same choices
    }

    /** A table of flow placements that filled with live flows and was cleared is a cap hit: counted. */
    private static Stats withSharderCaps(Stats total, long resets) {
        if (resets > 0) {
            Stats s = new Stats();
            s.anomalies = new io.smbwatch.stats.Anomalies();
            s.anomalies.report(io.smbwatch.stats.AnomalyKind.SHARD_TABLE_CLEARED, 0, resets + " time(s): over " + Sharder.MAX_SLOTS * 3 / 4
                    + " live flows; flows seen again were placed anew");
            total.add(s);
        }
        return total;
    }

    /** Bytes at the start of a frame that decide its worker (link, IP and port headers). */
    static final int KEY_BYTES = 128;

    /** Records of one worker not yet merged, at most {@link #AHEAD_BYTES} of them beyond one chunk. */
    static final long AHEAD_BYTES = 16L << 20;

    /** A worker's records for one range of frames. */
    private record Chunk(List<Event> events, long bytes, boolean last) {}

    /** The hand-over from one worker to the merge: waits when the worker is too far ahead. */
    private static final class Chunks {
        private final java.util.ArrayDeque<Chunk> items = new java.util.ArrayDeque<>();
        private long bytes;
        private Throwable failure;

        synchronized void put(Chunk c) throws InterruptedException {
            while (!items.isEmpty() && bytes > AHEAD_BYTES) wait();
            items.add(c);
            bytes += c.bytes;
            notifyAll();
        }

        synchronized Chunk take() throws InterruptedException, IOException {
            while (items.isEmpty() && failure == null) wait();
            if (items.isEmpty()) {
                if (failure instanceof IOException e) throw e;
                if (failure instanceof RuntimeException e) throw e;
                if (failure instanceof Error e) throw e;
                throw new IOException(failure);
            }
            Chunk c = items.poll();
            bytes -= c.bytes;
            notifyAll();
            return c;
        }

        synchronized void fail(Throwable t) {
            failure = t;
            notifyAll();
        }
    }

    private final Stats first = new Stats();

    /**
     * Whether the outputs need the file data messages carry (pipe data: file extraction): copying
     * it from the workers to the merge costs a copy of every byte read or written over SMB.
     */
    public void keepFileData(boolean keep) {
        for (Worker w : workers) w.keepFileData = keep;
    }

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
            int owner = sharder.owner(f);
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
        sort(all);
        return all;
    }

    /**
     * By frame; on a frame, first the flows its time ended (by their last frames, as an LRU table
     * ends them), then the frame's own events, in the order their worker made them.
     */
    private static void sort(List<Event> all) {
        all.sort((a, b) -> {
            if (a.frame != b.frame) return Long.compare(a.frame, b.frame);
            boolean ta = a.sub != 0, tb = b.sub != 0;
            if (ta != tb) return ta ? -1 : 1;
            if (a.sub != b.sub) return Long.compare(a.sub, b.sub);
            return Long.compare(a.seq, b.seq);
        });
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
            } else if (e.anomaly != null) {
                out.onAnomaly(e.anomaly);
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
            c[1] += w.engine.payloads();
            c[2] += w.engine.candidates();
        }
        return c;
    }

    /**
     * The key a frame is sharded by: a 64-bit hash of its two IP addresses (and, by flow, its ports
     * and protocol), the same in both directions; 0 for frames that are not IP (they go to worker 0).
     * IP fragments other than the first lack ports, so by flow they are keyed by their addresses.
     */
    static long key(Frame f, boolean byFlow) {
        byte[] b = f.data;
        // the headers that name a flow lie in the first KEY_BYTES; deeper ones (a pile of VLAN tags) are not followed
        int o = f.offset, end = f.offset + Math.min(f.capLen, KEY_BYTES);
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
            long x = u32(b, o + 12), y = u32(b, o + 16);
            long h = Math.min(x, y) << 32 | Math.max(x, y);
            boolean fragment = (u16(b, o + 6) & 0x3fff) != 0;      // MF or an offset: no ports in every piece
            int proto = b[o + 9] & 0xff, ihl = (b[o] & 0x0f) * 4;
            if (byFlow && !fragment) h = mix(h) ^ ports(b, o + ihl, end, proto);
            return nonZero(mix(h));
        }
        if (type == 0x86dd || type == -1 && version == 6) {
            if (end - o < 40) return 0;
            long x = hash(b, o + 8, 16), y = hash(b, o + 24, 16);
            long h = mix(Math.min(x, y)) * 31 + Math.max(x, y);
            if (byFlow) h = mix(h) ^ ports(b, o + 40, end, b[o + 6] & 0xff);
            return nonZero(mix(h));
        }
        return 0;
    }

    /** Both ports and the protocol, the same in either direction; 0 when not TCP or UDP right after the IP header. */
    private static long ports(byte[] b, int at, int end, int proto) {
        if ((proto != 6 && proto != 17) || end - at < 4) return 0;
        int a = u16(b, at), c = u16(b, at + 2);
        return mix((long) proto << 32 | (long) Math.min(a, c) << 16 | Math.max(a, c));
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static long u32(byte[] b, int i) {
        return (long) u16(b, i) << 16 | u16(b, i + 2);
    }

    private static long hash(byte[] b, int off, int len) {
        long h = 1;
        for (int i = 0; i < len; i++) h = 31 * h + b[off + i];
        return h;
    }

    /** A 64-bit finalizer (SplitMix64's): every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long nonZero(long k) {
        return k == 0 ? 1 : k;
    }

    /** Something a worker's pipeline emitted, with the place it takes in the single-threaded order. */
    private static final class Event {
        final long frame;         // the frame whose processing emitted it (Long.MAX_VALUE: the end of the capture)
        final long sub;           // 0 for a frame's own events; for flows ended by a tick or the end, the flow's last frame
        final long seq;
        final SmbMessage message;
        final Alert alert;
        final Flow flowEnd;
        io.smbwatch.stats.Anomalies.Anomaly anomaly;
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

        private long bytes;       // copies held by the records of the current chunk
        boolean keepFileData = true;
        long resets;              // of the worker's Sharder, once it has read the whole capture

        /** Reads the whole capture, analysing the frames of shard {@code index} of {@code n}. */
        void readAll(CaptureReader r, int index, int n, boolean byFlow, Chunks out, Stats first)
                throws IOException, InterruptedException {
            Sharder sharder = new Sharder(n, byFlow);   // each worker makes the same choices from the same frames
            Frame f = new Frame();
            if (r.nextHead(f, KEY_BYTES) && first != null) {
                first.firstSeconds = f.tsSeconds;
                first.firstNanos = f.tsNanos;
            }
            boolean more = f.number > 0;
            while (more) {
                events = new ArrayList<>();
                bytes = 0;
                more = readChunk(r, f, sharder, index);
                if (more) out.put(new Chunk(events, bytes, false));
            }
            frame = Long.MAX_VALUE;
            pipeline.readUpTo(lastNumber);
            ticking = true;
            pipeline.finish();
            resets = sharder.resets;
            out.put(new Chunk(events, bytes, true));
            events = null;
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
                boolean rangeEnd = f.number % SLICE == 0;
                if (!r.nextHead(f, KEY_BYTES)) return false;
                if (rangeEnd) return true;
            }
        }

        private long lastSecond = Long.MIN_VALUE, lastNumber;

        // the work of one frame in methods of their own: compiled as methods, not only as part of
        // readAll's loop (replaced on stack), whose recompilations kept it interpreted for a while

        private void mine(Frame f) {
            frame = f.number;
            pipeline.readUpTo(f.number - 1);
            ticking = true;
            pipeline.tick(f.tsSeconds);
            ticking = false;
            pipeline.process(f);
            lastSecond = f.tsSeconds;
            lastNumber = f.number;
        }

        /** Another worker's frame: only its time counts here. */
        private void other(Frame f) {
            if (f.tsSeconds != lastSecond) {
                frame = f.number;
                pipeline.readUpTo(f.number - 1);
                ticking = true;
                pipeline.tick(f.tsSeconds);
                ticking = false;
                lastSecond = f.tsSeconds;
            }
            lastNumber = f.number;
        }

        private long sub(Flow flow) {
            return ticking && flow != null ? flow.lastFrame : 0;
        }

        @Override
        public void onMessage(SmbMessage m) {
            Event e = new Event(frame, sub(m.flow), seq++, m, null, null);
            keep(m, e);
            bytes += 512 + (e.payload != null ? e.payload.length : 0) + (e.pipe != null ? e.pipe.length : 0);
            events.add(e);
        }

        @Override
        public void onFlowEnd(Flow flow) {
            events.add(new Event(frame, sub(flow), seq++, null, null, flow));
        }

        @Override
        public void onAnomaly(io.smbwatch.stats.Anomalies.Anomaly a) {
            Flow flow = a.where() != null && a.where().flow() instanceof Flow f ? f : null;
            Event e = new Event(frame, sub(flow), seq++, null, null, null);
            e.anomaly = a;
            events.add(e);
        }

        @Override
        public void onAlert(Alert a) {
            events.add(new Event(frame, sub(a.flow()), seq++, null, a, null));
        }

        /**
         * The message outlives this call: its views into reused buffers are copied (the payload, at
         * most {@link #KEEP_PAYLOAD} bytes of it; pipe data whole when file outputs need it).
         */
        private void keep(SmbMessage m, Event e) {
            if (m.payload != null) {
                int delta = m.payloadOff, n = Math.min(m.payloadLen, KEEP_PAYLOAD);
                // file data read or written reaches the outputs as pipe data (below), not through the
                // payload: the copy stops a little into it (bulk transfers then cost ~1 KiB a message)
                if (m.pipeData == m.payload && m.pipeLen > FILE_DATA_KEPT && m.pipeOff >= m.payloadOff) {
                    n = Math.min(n, m.pipeOff - m.payloadOff + FILE_DATA_KEPT);
                }
                // the engine, after this recorder in the chain, still reads the original views
                e.payload = Arrays.copyOfRange(m.payload, m.payloadOff, m.payloadOff + n);
                e.delta = delta;
                e.n = n;
            }
            if (m.pipeData != null && keepFileData) {
                e.pipe = Arrays.copyOfRange(m.pipeData, m.pipeOff, m.pipeOff + m.pipeLen);
            }
        }

    }

    /** Payload bytes of a message kept for the outputs (headers and the start of the data; detectors read no further). */
    static final int KEEP_PAYLOAD = 64 * 1024;
    /** Bytes of a message's file data kept in its payload copy (magic numbers, a DCERPC header). */
    static final int FILE_DATA_KEPT = 512;

    /** The caps of the merged alerts' thresholds and of the workers' engines (their pipelines' are in their statistics). */
    @Override
    public void countCaps(io.smbwatch.stats.Anomalies into) {
        thresholds.countCaps(into);
        for (Worker w : workers) if (w.engine != null) w.engine.countCaps(into);
    }
}
