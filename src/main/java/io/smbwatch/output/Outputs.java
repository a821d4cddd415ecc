package io.smbwatch.output;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.tx.Transactions;
import io.smbwatch.config.Config;
import io.smbwatch.config.Limit;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.incident.Incident;
import io.smbwatch.detect.incident.Incidents;
import io.smbwatch.files.FileExtractor;
import io.smbwatch.filter.DisplayFilter;
import io.smbwatch.filter.FrameFilter;
import io.smbwatch.output.eve.AlertLogger;
import io.smbwatch.output.eve.AnomalyLogger;
import io.smbwatch.output.eve.DetectionLogger;
import io.smbwatch.output.eve.EveWriter;
import io.smbwatch.output.eve.FastLogWriter;
import io.smbwatch.output.eve.FileinfoLogger;
import io.smbwatch.output.eve.IncidentLogger;
import io.smbwatch.output.eve.SmbTxLogger;
import io.smbwatch.output.zeek.ZeekLogs;
import io.smbwatch.stats.Stats;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every sink of a {@code read} run, made from its {@link Config}: the lines (text or JSON) on
 * standard output, eve.json with its selected event types, fast.log, the Zeek logs, the file
 * extractor with its fileinfo events, and the incidents that alerts are grouped into.
 *
 * <p>The order in which they see things is fixed here and only here:
 * <ul>
 *   <li>messages: the printer (through the display filter), the EVE smb/dcerpc logger, the file
 *       extractor, the Zeek logs ({@link #listeners}; the detectors run before them and the rule
 *       engine after them, see {@link #around});</li>
 *   <li>detections and alerts: counted, then grouped into incidents, then written, so that each
 *       written alert names the incident it joined ({@code incidents::lastId});</li>
 *   <li>closing: the file extractor first (files still open are finished into fileinfo and
 *       files.log), then the Zeek logs, the JSON lines, eve.json and fast.log, each flushed, then
 *       standard output.</li>
 * </ul>
 * Nothing is opened before {@link #open}: a refused configuration touches no file.
 */
public final class Outputs implements AutoCloseable, io.smbwatch.stats.Capped {
    /** What standard output receives. */
    public enum Stdout { TEXT, JSON, FIELDS, NONE }

    private final PrintStream out;
    private final List<MessageListener> listeners = new ArrayList<>();
    private final List<DetectionSink> detectionSinks = new ArrayList<>();
    private final List<AlertSink> alertSinks = new ArrayList<>();
    private final List<Consumer<Incident>> incidentSinks = new ArrayList<>();
    /** Closed first to last. */
    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private final Incidents incidents;
    /** Requests paired with responses once, for every consumer of transactions. */
    private final Transactions transactions;
    private EveWriter eve;
    private FrameFilter frameFilter;
    private io.smbwatch.filter.FieldsWriter.Spec columns;
    private FileExtractor extractor;
    private ZeekLogs zeek;
    private long detections;

    private Outputs(OutputStream stdout, Config config) {
        this.out = new PrintStream(new BufferedOutputStream(stdout, 1 << 16), false, StandardCharsets.UTF_8);
        this.incidents = new Incidents(config.limits(),
                i -> incidentSinks.forEach(s -> s.accept(i)));
        this.transactions = new Transactions(config.limits());
    }

    /**
     * Opens every sink the configuration asks for.
     *
     * @param stats the statistics the text lines cite (a gap's position), read when a line is printed
     * @param filter the display filter of the printed lines, or null
     */
    public static Outputs open(Config config, Stdout mode, OutputStream stdout, Supplier<Stats> stats,
                               DisplayFilter filter) throws IOException {
        return open(config, mode, stdout, stats, filter, null);
    }

    /** @param columns the columns of {@link Stdout#FIELDS} (tshark's -T fields) */
    public static Outputs open(Config config, Stdout mode, OutputStream stdout, Supplier<Stats> stats,
                               DisplayFilter filter, io.smbwatch.filter.FieldsWriter.Spec columns) throws IOException {
        Outputs o = new Outputs(stdout, config);
        try {
            o.columns = columns;
            o.stdout(mode, stats, filter, config);
            o.logs(config);
            o.files(config);
            return o;
        } catch (IOException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    private void stdout(Stdout mode, Supplier<Stats> stats, DisplayFilter filter, Config config) throws IOException {
        detectionSinks.add(d -> detections++);
        detectionSinks.add(incidents);     // grouped before written: the alert names its incident
        alertSinks.add(a -> incidents.add(a.flow().srcAddress(a.direction()), "sid:" + a.rule().sid(), a.rule().msg(),
                a.rule().priority(), a.flow().dstAddress(a.direction()), a.frame(), a.tsSeconds(), a.tsNanos(),
                "rule " + a.rule().sid() + " matched"));
        if (mode == Stdout.NONE) return;
        MessageListener printer;
        if (mode == Stdout.JSON) {
            JsonLinesWriter w = new JsonLinesWriter(out);
            printer = w;
            closing.add(w);
        } else if (mode == Stdout.FIELDS) {
            var w = new io.smbwatch.filter.FieldsWriter(columns, out, config.limits().getInt(Limit.FILTER_HELD));
            printer = w;
            closing.add(w);
        } else {
            printer = new TextWriter(out, stats);
        }
        if (filter != null) {
            frameFilter = new FrameFilter(filter, printer, config.limits().getInt(Limit.FILTER_HELD),
                    config.limits().getInt(Limit.FILTER_RECENT));
            printer = frameFilter;
        }
        listeners.add(printer);
        if (mode == Stdout.TEXT) {
            // alert lines follow the display filter's verdict on their frame, as its messages do
            FrameFilter ff = frameFilter;
            AlertLines lines = new AlertLines(ff == null ? (f, t) -> out.println(t) : (f, t) -> ff.note(f, () -> out.println(t)));
            detectionSinks.add(lines);
            alertSinks.add(lines);
        }
    }

    /** eve.json and fast.log under the log directory. */
    private void logs(Config config) throws IOException {
        Path dir = config.outputs().logDir();
        if (dir == null) return;
        Files.createDirectories(dir);
        OutputStream eveOut = new BufferedOutputStream(Files.newOutputStream(dir.resolve("eve.json")), 1 << 16);
        closing.add(eveOut);       // placed after the writer below, which flushes into it
        eve = new EveWriter(eveOut).select(config.outputs().eveTypes());
        closing.removeLast();
        closing.add(eve);
        closing.add(eveOut);
        listeners.add(transactions.deliver(new SmbTxLogger(eve)));
        listeners.add(new AnomalyLogger(eve));
        detectionSinks.add(new DetectionLogger(eve, incidents::lastId));
        incidentSinks.add(new IncidentLogger(eve));
        alertSinks.add(new AlertLogger(eve, incidents::lastId));
        if (!config.rules().files().isEmpty() || config.detectors().enabled()) {
            PrintStream fast = new PrintStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("fast.log"))),
                    false, StandardCharsets.UTF_8);
            FastLogWriter w = new FastLogWriter(fast);
            alertSinks.add(w);
            detectionSinks.add(w);
            closing.add(fast);
        }
    }

    /** The file extractor (files stored, or only hashed for fileinfo and files.log) and the Zeek logs. */
    private void files(Config config) throws IOException {
        Path store = config.outputs().extractDir(), dir = config.outputs().logDir();
        boolean fileinfo = eve != null && eve.selected("fileinfo");
        zeek = dir != null ? new ZeekLogs(dir, config.limits().getInt(Limit.ZEEK_PENDING)) : null;
        if (zeek != null) closing.addFirst(zeek);
        if (store != null || fileinfo || zeek != null) {
            var l = config.limits();
            extractor = new FileExtractor(store, l.getInt(Limit.FILES_PER_FLOW), l.getInt(Limit.FILES_TOTAL),
                    l.getInt(Limit.FILE_RANGES), l.get(Limit.FILE_SIZE), config.outputs().forceHash(),
                    l.get(Limit.FILES_REORDER_MEMORY));
            if (fileinfo) extractor.addSink(new FileinfoLogger(eve));
            if (zeek != null) extractor.addSink(zeek);
            listeners.add(transactions.deliver(extractor));
            closing.addFirst(extractor);   // files still open are finished before the logs close
        }
        if (zeek != null) listeners.add(transactions.deliver(zeek));
    }

    /**
     * The message listeners of the run in their order: {@code first} (the detectors, whose alert
     * lines precede the message line that caused them), the outputs, then {@code last} (the rule
     * engine); either may be null.
     */
    public List<MessageListener> around(MessageListener first, MessageListener last) {
        List<MessageListener> all = new ArrayList<>();
        // the detectors judge some things on transactions: they get them from the run's one assembler
        if (first instanceof io.smbwatch.app.tx.TransactionListener t) all.add(transactions.deliver(t));
        else if (first != null) all.add(first);
        all.addAll(listeners);
        if (last != null) all.add(last);
        return all;
    }

    /** Where detections of the built-in detectors go. */
    public DetectionSink detections() {
        return d -> {
            for (DetectionSink s : detectionSinks) s.onDetection(d);
        };
    }

    /** Where rule alerts go (every worker's engine). */
    public AlertSink alerts() {
        return a -> {
            for (AlertSink s : alertSinks) s.onAlert(a);
        };
    }

    public Incidents incidents() {
        return incidents;
    }

    /** Whether file data (hashes, extraction, files.log) is followed: then messages' file data must reach it. */
    public boolean needsFileData() {
        return extractor != null;
    }

    /** End of input: the last incidents are closed and written, the display filter judges the last frame. */
    public void finish() {
        incidents.finish();
        if (frameFilter != null) frameFilter.finish();
    }

    /** Caps of the state the outputs keep across flows: open incidents, transactions waiting for their response. */
    @Override
    public void countCaps(io.smbwatch.stats.Anomalies into) {
        incidents.countCaps(into);
        transactions.countCaps(into);
        if (frameFilter != null) frameFilter.countCaps(into);
        if (zeek != null) zeek.countCaps(into);
        if (extractor != null) extractor.countCaps(into);
    }

    /** Closes every sink in order, each flushed; reports what failed on {@code err} and goes on. */
    public void close(PrintStream err) {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                err.println("smbwatch: " + e.getMessage());
            }
        }
        closing.clear();
        out.flush();
    }

    @Override
    public void close() {
        close(System.err);
    }

    public void printDetections(PrintStream err) {
        err.printf("%-28s %s (%d incidents)%n", "detections:", detections, incidents.all().size());
    }

    public void printFiles(PrintStream err) {
        if (extractor == null) return;
        FileExtractor.Counters c = extractor.counters();
        err.printf("%-28s %d (stored %d, bytes %d; caps hit: per flow %d, total %d, ranges %d, size %d; io errors %d)%n",
                "files:", c.files, c.stored, c.bytes, c.perFlowCapHits, c.totalCapHits, c.rangeCapHits, c.sizeCapHits, c.ioErrors);
    }

    public void printFilter(PrintStream err, DisplayFilter filter) {
        if (frameFilter == null) return;
        err.printf("%-28s %s%n", "display filter:", frameFilter.framesMatched() + " frames, "
                + frameFilter.messagesPassed() + " messages matched");
        if (filter.regexGiveUps() > 0) {
            err.printf("%-28s %s%n", "regex give-ups:", filter.regexGiveUps() + " (a matches test exceeded its step budget; counted as no match)");
        }
    }
}
