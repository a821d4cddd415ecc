package io.smbwatch.cli;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.config.Config;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.detect.builtin.Detectors;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.filter.DisplayFilter;
import io.smbwatch.output.Listeners;
import io.smbwatch.output.Outputs;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import io.smbwatch.pipeline.ShardedRun;
import io.smbwatch.stats.Stats;
import io.smbwatch.stats.Anomalies;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

/** One {@code read} run over opened {@link Outputs}: the pipeline (or sharded workers), then the statistics. */
final class ReadRun {
    /** What the statistics list beyond the counters. */
    record Report(int anomalies, boolean rulesProfile) {}

    private final Config cfg;
    private final Outputs outputs;
    private final PrintStream err;
    private final Function<AlertSink, DetectEngine> engines;
    private final Detectors detectors;
    private DetectEngine engine;
    private Pipeline pipeline;
    private ShardedRun sharded;
    private final HomeNetNote homeNet;

    /**
     * @param shown set to the statistics the text lines cite, once the run has them
     */
    ReadRun(Config cfg, Outputs outputs, RuleSet rules, DetectorConfig detectorConfig, PrintStream err,
            AtomicReference<Stats> shown) {
        this.cfg = cfg;
        this.outputs = outputs;
        this.err = err;
        this.engines = rules == null ? null : RuleSetup.engines(rules, cfg.rules(), cfg.limits());
        this.detectors = cfg.detectors().enabled() ? new Detectors(detectorConfig, outputs.detections()) : null;
        int workers = cfg.run().workers();
        if (engines != null && workers == 1) engine = engines.apply(outputs.alerts());
        // the detectors first (their alert lines precede the message), the rule engine last
        java.util.List<io.smbwatch.app.MessageListener> all = outputs.around(detectors, engine);
        homeNet = rules == null ? null : HomeNetNote.of(rules.rules(), io.smbwatch.detect.rule.RuleVars.of(cfg.vars()));
        if (homeNet != null) all.add(homeNet);
        Listeners listeners = new Listeners(all);
        // file data is kept only for those who read it: rules (file.data, contents anywhere) and file outputs
        Settings settings = Settings.of(cfg.limits());
        if (rules == null && !outputs.needsFileData()) settings = settings.withoutFileData();
        if (workers == 1) {
            pipeline = new Pipeline(settings, listeners);
            if (engine != null) pipeline.setInspector(engine);
            shown.set(pipeline.stats());
        } else {
            sharded = new ShardedRun(workers, cfg.run().shardBy() == Config.ShardBy.FLOW, settings, listeners,
                    engines == null ? null : outputs.alerts(), engines);
            sharded.keepFileData(outputs.needsFileData());
            shown.set(sharded.firstFrame());
        }
    }

    /** Reads the capture, closes the outputs, prints the statistics; the exit status. */
    int run(String file, BiFunction<CaptureReader, PrintStream, CaptureReader> progress, DisplayFilter filter, Report report) {
        Stats result = null;
        int workers = cfg.run().workers();
        Anomalies anomalies = pipeline != null ? pipeline.anomalies() : new Anomalies();
        // sharded workers each read the file: all of them to its size now, should it grow meanwhile
        long limit = workers > 1 ? sizeNow(file) : Long.MAX_VALUE;
        // sharded workers each read the whole file, copying only their own frames
        try (CaptureReader reader = progress.apply(workers > 1 ? Captures.openSkimming(file, anomalies, limit)
                : Captures.open(file, anomalies, limit), err)) {
            if (pipeline != null) {
                pipeline.run(reader);
                result = pipeline.stats();
            } else {
                // a file: every worker reads it on its own (no copies, no waiting on each other);
                // standard input: one reading thread hands the frames out
                result = "-".equals(file) ? sharded.run(reader)
                        : sharded.run(reader, () -> Captures.openSkimming(file, new Anomalies(), limit));
                Stats captureLevel = new Stats();
                captureLevel.anomalies = anomalies;     // the reader's own (a truncated file, a bad record)
                result.add(captureLevel);
            }
            outputs.finish();
            countCaps(result.anomalies, detectors, engine, sharded, outputs);
        } catch (NoSuchFileException e) {
            err.println("smbwatch: cannot read " + file + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println("smbwatch: cannot read " + file + ": " + e.getMessage());
            return 2;
        } finally {
            outputs.close(err);
        }
        printStats(result, report, filter);
        return 0;
    }

    private void printStats(Stats result, Report report, DisplayFilter filter) {
        printCounters(result, report.anomalies());
        outputs.printDetections(err);
        outputs.printFiles(err);
        if (engine != null) err.printf("%-28s %d (payloads inspected %d, rule evaluations %d)%n", "alerts:", engine.alerts(), engine.payloads(), engine.candidates());
        if (engine != null && report.rulesProfile()) {
            long[] s = engine.scans();
            err.printf("%-28s %d payloads, %d bytes scanned for contents anywhere%n", "prefilter:", s[0], s[1]);
            err.print(engine.describe());
        }
        if (sharded != null && engines != null) {
            long[] c = sharded.engineCounters();
            err.printf("%-28s %d (payloads inspected %d, rule evaluations %d)%n", "alerts:", c[0], c[1], c[2]);
        }
        if (filter != null) outputs.printFilter(err, filter);
        if (homeNet != null) homeNet.print(err);
    }

    /** The size of a regular file now (no limit for standard input, devices, or a file that cannot be read). */
    private static long sizeNow(String file) {
        try {
            Path p = Path.of(file);
            return !"-".equals(file) && Files.isRegularFile(p) ? Files.size(p) : Long.MAX_VALUE;
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Adds what the caps of state kept across flows dropped (detectors, rule engine, incidents, transactions). */
    private static void countCaps(Anomalies into, Object... parts) {
        for (Object p : parts) if (p instanceof io.smbwatch.stats.Capped c) c.countCaps(into);
    }

    private void printCounters(Stats s, int listAnomalies) {
        err.println("== smbwatch statistics ==");
        print(err, s.toMap());
        err.printf("%-28s %s%n", "caps:", s.anomalies.capsLine());
        int shown = 0;
        for (Anomalies.Anomaly a : s.anomalies.kept()) {
            if (shown == listAnomalies) break;
            err.println("anomaly: " + a);
            shown++;
        }
        if (s.anomalies.total() > shown) {
            Map<String, Long> byKey = new java.util.TreeMap<>();
            s.anomalies.counts().forEach((k, n) -> byKey.put(k.key(), n));
            byKey.forEach((k, n) -> err.println("anomalies " + k + ": " + n));
        }
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintStream err, Map<String, Object> m) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map) {
                StringBuilder sb = new StringBuilder();
                for (Map.Entry<String, Object> x : ((Map<String, Object>) v).entrySet()) {
                    if (x.getValue() instanceof Long && (Long) x.getValue() == 0) continue;
                    if (sb.length() > 0) sb.append(", ");
                    sb.append(x.getKey()).append(' ').append(x.getValue());
                }
                v = sb.length() == 0 ? "0" : sb;
            }
            err.printf("%-28s %s%n", e.getKey() + ":", v);
        }
    }
}
