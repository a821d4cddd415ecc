package io.smbwatch.pipeline;

import io.smbwatch.config.Limit;
import io.smbwatch.app.MessageListener;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Frame;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.engine.Thresholds;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Stats;
import java.io.IOException;
import java.util.ArrayList;
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
 * each keyed by the frame whose processing emitted it ({@link ShardWorker}, {@link ShardEvent}). The records of each range of
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

    /** The caps of the merged alerts' thresholds and of the workers' engines (their pipelines' are in their statistics). */
    @Override
    public void countCaps(io.smbwatch.stats.Anomalies into) {
        thresholds.countCaps(into);
        for (ShardWorker w : workers) if (w.engine != null) w.engine.countCaps(into);
    }
    /**
     * A slice, what the workers process between two merges, ends after this many frames or bytes:
     * small enough to stay in the caches (smaller slices measured faster) and to bound the copies
     * (two slices in flight, each worker's share of one at most SLICE_BYTES plus a frame).
     */
    static final int SLICE = 2048, SLICE_BYTES = 2 << 20;

    private final ShardWorker[] workers;
    private final MessageListener out;
    private final AlertSink alertSink;
    private final Thresholds thresholds;
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
        this.thresholds = new Thresholds(settings.limits().getInt(Limit.THRESHOLD_ENTRIES));
        this.sharder = new Sharder(n, byFlow);
        this.out = out;
        this.alertSink = alertSink;
        workers = new ShardWorker[n];
        for (int i = 0; i < n; i++) workers[i] = new ShardWorker(settings, engines);
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
            List<Future<List<ShardEvent>>> running = submit(side, !more[0]);
            while (running != null) {
                boolean filled = false;
                if (more[0]) {                    // the next slice, while the workers process this one
                    side ^= 1;
                    fill(reader, f, side, more, lastSecond);
                    filled = true;
                }
                List<ShardEvent> done = collect(running);
                running = filled ? submit(side, !more[0]) : null;
                replay(done);                     // while the workers process the next one
            }
        } finally {
            pool.shutdownNow();
        }
        Stats total = new Stats();
        for (ShardWorker w : workers) total.add(w.pipeline.stats());
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
     * in {@link #run(CaptureReader)}; a worker that gets more than {@link Limit#SHARD_AHEAD} of records
     * ahead of the merge waits. {@code first} is worker 0's reader (progress and the capture's
     * anomalies are reported through it); the others come from {@code more}.
     */
    public Stats run(CaptureReader first, ReaderSource more) throws IOException {
        int n = workers.length;
        ShardChunks[] queues = new ShardChunks[n];
        List<Future<?>> running = new ArrayList<>();
        List<CaptureReader> opened = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                queues[i] = new ShardChunks();
                CaptureReader r = i == 0 ? first : more.open();
                if (i > 0) opened.add(r);
                ShardWorker w = workers[i];
                int index = i;
                ShardChunks q = queues[i];
                running.add(pool.submit(() -> {
                    try {
                        w.readAll(r, index, n, byFlow, q, index == 0 ? this.first : null);
                    } catch (Throwable t) {
                        q.fail(t);
                    }
                }));
            }
            while (true) {
                List<ShardEvent> all = new ArrayList<>();
                boolean last = false;
                for (ShardChunks q : queues) {
                    ShardChunks.Chunk c = q.take();
                    all.addAll(c.events());
                    last |= c.last();
                }
                ShardEvent.sort(all);
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
        for (ShardWorker w : workers) total.add(w.pipeline.stats());
        return withSharderCaps(total, workers[0].resets);     // every worker made the same choices
    }

    /** A table of flow placements that filled with live flows and was cleared is a cap hit: counted. */
    private static Stats withSharderCaps(Stats total, long resets) {
        if (resets > 0) {
            Stats s = new Stats();
            s.anomalies = new Anomalies();
            s.anomalies.report(AnomalyKind.SHARD_TABLE_CLEARED, 0, resets + " time(s): over " + Limit.SHARD_SLOTS_CEILING.defaultInt() * 3 / 4
                    + " live flows; flows seen again were placed anew");
            total.add(s);
        }
        return total;
    }

    private final Stats first = new Stats();

    /**
     * Whether the outputs need the file data messages carry (pipe data: file extraction): copying
     * it from the workers to the merge costs a copy of every byte read or written over SMB.
     */
    public void keepFileData(boolean keep) {
        for (ShardWorker w : workers) w.keepFileData = keep;
    }

    /** Holds the capture's first timestamp once reading has started (what the text output counts time from). */
    public Stats firstFrame() {
        return first;
    }

    private void fill(CaptureReader reader, Frame f, int side, boolean[] more, long[] lastSecond) throws IOException {
        for (ShardWorker w : workers) w.slices[side].clear();
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

    private List<Future<List<ShardEvent>>> submit(int side, boolean last) {
        List<Future<List<ShardEvent>>> r = new ArrayList<>();
        long end = lastNumber;
        for (ShardWorker w : workers) r.add(pool.submit(() -> w.process(w.slices[side], last, end)));
        return r;
    }

    private List<ShardEvent> collect(List<Future<List<ShardEvent>>> running) throws IOException {
        List<ShardEvent> all = new ArrayList<>();
        try {
            for (Future<List<ShardEvent>> r : running) all.addAll(r.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IOException(e.getCause());
        }
        ShardEvent.sort(all);
        return all;
    }

    private void replay(List<ShardEvent> events) {
        for (ShardEvent e : events) {
            if (e.message != null) {
                e.attach();        // the views the connection cut after the worker's call, back as copies
                out.onMessage(e.message);
                e.detach();
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
        for (ShardWorker w : workers) {
            if (w.engine == null) continue;
            c[1] += w.engine.payloads();
            c[2] += w.engine.candidates();
        }
        return c;
    }
}
