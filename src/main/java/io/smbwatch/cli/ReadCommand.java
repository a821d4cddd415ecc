package io.smbwatch.cli;

import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.app.MessageListener;
import io.smbwatch.capture.CaptureFormatException;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.filter.DisplayFilter;
import io.smbwatch.filter.FilterException;
import io.smbwatch.filter.FrameFilter;
import io.smbwatch.output.JsonLinesWriter;
import io.smbwatch.output.Listeners;
import io.smbwatch.output.TextWriter;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.detect.builtin.Detectors;
import io.smbwatch.detect.incident.Incident;
import io.smbwatch.detect.incident.Incidents;
import io.smbwatch.output.eve.AnomalyLogger;
import io.smbwatch.output.eve.DetectionLogger;
import io.smbwatch.output.eve.IncidentLogger;
import io.smbwatch.output.eve.EveWriter;
import io.smbwatch.output.eve.SmbTxLogger;
import io.smbwatch.app.tx.Transactions;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.ShardedRun;
import io.smbwatch.pipeline.Stats;
import io.smbwatch.pipeline.Settings;
import io.smbwatch.pipeline.Stats;
import io.smbwatch.stats.Anomalies;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smbwatch read FILE}: one line (or JSON object) per SMB message, statistics on stderr. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Read a pcap or pcapng capture (or '-' for standard input) and print its SMB messages.")
final class ReadCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "capture file, or - for standard input")
    String file;

    @Option(names = "--json", description = "print one JSON object per message (JSON Lines)")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "print the statistics only")
    boolean quiet;

    @Option(names = {"-l", "--log-dir"}, paramLabel = "OUTDIR", description = "write eve.json (Suricata EVE format) into OUTDIR")
    Path logDir;

    @Option(names = "--detectors", paramLabel = "CONFIG", description = "YAML file with detector thresholds and switches (see docs/DETECTIONS.md)")
    Path detectorConfig;

    @Option(names = "--no-detectors", description = "do not run the built-in detectors")
    boolean noDetectors;
    @Option(names = {"-S", "--rules"}, paramLabel = "RULES", description = "Suricata rule file (repeatable); alerts go to OUTDIR/eve.json and fast.log")
    List<Path> ruleFiles = new ArrayList<>();

    @Option(names = "--config", paramLabel = "YAML", description = "Suricata-style YAML with vars: address-groups / port-groups")
    Path config;

    @Option(names = "--payload", paramLabel = "MODEL", description = "what rules inspect on SMB connections: message (each SMB message, "
            + "its NetBIOS frame, once; default) or suricata (raw stream chunks and packets, as Suricata 7)")
    String payload = "message";

    @Option(names = {"-w", "--workers"}, paramLabel = "N", description = "analysis threads; flows are sharded over them and the "
            + "output is the same as with one (default: ${DEFAULT-VALUE})")
    int workers = 1;

    @Option(names = "--shard-by", paramLabel = "KEY", description = "with several workers, what goes to one worker: hosts (each pair of "
            + "IP addresses; default) or flow (each connection: more parallel, but SMB2 state shared between connections is lost)")
    String shardBy = "hosts";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--explain", paramLabel = "SID", description = "explain matches of this rule in its alerts (repeatable; 'all' for every rule)")
    List<String> explain = new ArrayList<>();

    @Option(names = "--rules-profile", description = "after the run, print on stderr how the rules were grouped and prefiltered, and how many bytes the prefilter scanned")
    boolean rulesProfile;

    @Option(names = "--rules-report", paramLabel = "N", description = "list the first N skipped rules on stderr (default: ${DEFAULT-VALUE})")
    int rulesReport = 20;
    @Option(names = {"-Y", "--display-filter"}, paramLabel = "EXPR",
            description = "print only the messages of the frames this Wireshark display filter selects (see 'smbwatch fields')")
    String displayFilter;

    @Option(names = "--progress", negatable = true, description = "show a progress line on the terminal"
            + " (default: on when the console is a terminal and FILE is a file)")
    Boolean progress;

    @Option(names = "--extract-files", paramLabel = "DIR", description = "store files read or written over SMB as DIR/<sha256>, with DIR/<sha256>.json")
    Path extractDir;

    @Option(names = "--eve-types", paramLabel = "TYPES", split = ",", description = "EVE event types to write (comma list: smb,dcerpc,alert,fileinfo,anomaly; default all)")
    java.util.Set<String> eveTypes;

    @Option(names = "--anomalies", paramLabel = "N", description = "list the first N anomalies on stderr (default: ${DEFAULT-VALUE})")
    int listAnomalies = 10;

    @Override
    public Integer call() throws IOException {
        PrintStream err = Main.stderr();
        DisplayFilter filter = null;
        if (displayFilter != null) {
            try {
                filter = DisplayFilter.compile(displayFilter);
            } catch (FilterException e) {
                err.println("smbwatch: invalid display filter: " + e.render());
                return 2;
            }
        }
        OutputStream stdout = new BufferedOutputStream(Main.stdout(), 1 << 16);
        PrintStream out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        List<MessageListener> listeners = new ArrayList<>();
        List<AutoCloseable> toClose = new ArrayList<>();
        Stats[] stats = new Stats[1];
        FrameFilter frameFilter = null;
        if (!quiet) {
            MessageListener printer;
            if (json) {
                JsonLinesWriter w = new JsonLinesWriter(out);
                printer = w;
                toClose.add(w);
            } else {
                printer = new TextWriter(out, () -> stats[0]);
            }
            if (filter != null) {
                frameFilter = new FrameFilter(filter, printer);
                printer = frameFilter;
            }
            listeners.add(printer);
        }
        List<DetectionSink> detectionSinks = new ArrayList<>();
        long[] detections = {0};
        detectionSinks.add(d -> detections[0]++);
        // incidents first, so that the alert written next knows the incident it joined
        List<java.util.function.Consumer<Incident>> incidentSinks = new ArrayList<>();
        Incidents incidents = new Incidents(Incidents.GAP, i -> incidentSinks.forEach(s -> s.accept(i)));
        detectionSinks.add(incidents);
        if (!quiet && !json) {
            detectionSinks.add(d -> out.println("** ALERT " + d.detector() + " " + d.src()
                    + (d.dst().isEmpty() ? "" : " -> " + d.dst()) + ": " + d.explain()));
        }
        // requests paired with responses once, for every consumer of transactions
        Transactions transactions = new Transactions();
        EveWriter eveWriter = null;
        if (logDir != null) {
            try {
                Files.createDirectories(logDir);
            } catch (IOException e) {
                err.println("smbwatch: cannot create " + logDir + ": " + e.getMessage());
                return 2;
            }
            OutputStream eveOut = new BufferedOutputStream(Files.newOutputStream(logDir.resolve("eve.json")), 1 << 16);
            EveWriter eve = new EveWriter(eveOut).select(eveTypes);
            eveWriter = eve;
            listeners.add(transactions.deliver(new SmbTxLogger(eve)));
            listeners.add(new AnomalyLogger(eve));
            detectionSinks.add(new DetectionLogger(eve, incidents::lastId));
            incidentSinks.add(new IncidentLogger(eve));
            toClose.add(eve);
            toClose.add(eveOut);
        }
        FileOutputs fileOutputs = FileOutputs.setup(extractDir, logDir, eveWriter, listeners, toClose);
        if (!noDetectors) {
            DetectorConfig settings;
            try {
                settings = detectorConfig == null ? DetectorConfig.defaults() : DetectorConfig.load(detectorConfig);
            } catch (IOException e) {
                err.println("smbwatch: cannot read detector configuration " + detectorConfig + ": " + e.getMessage());
                return 2;
            }
            listeners.add(0, new Detectors(settings, d -> detectionSinks.forEach(s -> s.onDetection(d))));
        }
        if (workers < 1 || workers > 64) {
            err.println("smbwatch: --workers: 1 to 64, not " + workers);
            return 2;
        }
        io.smbwatch.detect.engine.DetectEngine engine = null;
        RuleSetup.Setup rules = null;
        if (!ruleFiles.isEmpty()) {
            rules = RuleSetup.setup(ruleFiles, config, explain, logDir, eveWriter, err, rulesReport, toClose, incidents, payloadModel());
            if (rules == null) return 2;
            if (workers == 1) {
                engine = rules.engines().apply(rules.sink());
                listeners.add(engine);
            }
        }
        // file data is kept only for those who read it: rules (file.data, contents anywhere) and file outputs
        Settings settings = rules == null && (fileOutputs == null || !fileOutputs.needsFileData())
                ? Settings.defaults().withoutFileData() : Settings.defaults();
        Pipeline pipeline = workers == 1 ? new Pipeline(settings, new Listeners(listeners)) : null;
        if (!shardBy.equals("hosts") && !shardBy.equals("flow")) {
            err.println("smbwatch: --shard-by: hosts or flow, not " + shardBy);
            return 2;
        }
        ShardedRun sharded = workers == 1 ? null : new ShardedRun(workers, shardBy.equals("flow"), settings, new Listeners(listeners),
                rules == null ? null : rules.sink(), rules == null ? null : rules.engines());
        if (sharded != null) sharded.keepFileData(fileOutputs != null && fileOutputs.needsFileData());
        if (engine != null) pipeline.setInspector(engine);
        stats[0] = pipeline != null ? pipeline.stats() : sharded.firstFrame();
        Anomalies anomalies = pipeline != null ? pipeline.anomalies() : new Anomalies();
        Stats result = null;
        // sharded workers each read the file: all of them to its size now, should it grow meanwhile
        long limit = workers > 1 ? sizeNow(file) : Long.MAX_VALUE;
        // sharded workers each read the whole file, copying only their own frames
        try (CaptureReader reader = withProgress(workers > 1 ? Captures.openSkimming(file, anomalies, limit)
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
            incidents.finish();
            if (frameFilter != null) frameFilter.finish();
        } catch (NoSuchFileException e) {
            err.println("smbwatch: cannot read " + file + ": no such file");
            return 2;
        } catch (CaptureFormatException e) {
            err.println("smbwatch: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("smbwatch: cannot read " + file + ": " + e.getMessage());
            return 2;
        } finally {
            for (AutoCloseable c : toClose) {
                try {
                    c.close();
                } catch (Exception e) {
                    err.println("smbwatch: " + e.getMessage());
                }
            }
            out.flush();
        }
        printStats(err, result);
        err.printf("%-28s %s (%d incidents)%n", "detections:", detections[0], incidents.all().size());
        if (fileOutputs != null) fileOutputs.printStats(err);
        if (engine != null) err.printf("%-28s %d (payloads inspected %d, rule evaluations %d)%n", "alerts:", engine.alerts(), engine.payloads(), engine.candidates());
        if (engine != null && rulesProfile) {
            long[] s = engine.scans();
            err.printf("%-28s %d payloads, %d bytes scanned for contents anywhere%n", "prefilter:", s[0], s[1]);
            err.print(engine.describe());
        }
        if (sharded != null && rules != null) {
            long[] c = sharded.engineCounters();
            err.printf("%-28s %d (payloads inspected %d, rule evaluations %d)%n", "alerts:", c[0], c[1], c[2]);
        }
        if (frameFilter != null) {
            err.printf("%-28s %s%n", "display filter:", frameFilter.framesMatched() + " frames, "
                    + frameFilter.messagesPassed() + " messages matched");
            if (filter.regexGiveUps() > 0) {
                err.printf("%-28s %s%n", "regex give-ups:", filter.regexGiveUps() + " (a matches test exceeded its step budget; counted as no match)");
            }
        }
        return 0;
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

    /** A progress line when asked, or by default when a person watches a terminal and reads a file. */
    private CaptureReader withProgress(CaptureReader reader, PrintStream err) {
        boolean show = progress != null ? progress : System.console() != null && !"-".equals(file);
        if (!show) return reader;
        long size = 0;
        try {
            if (!"-".equals(file)) size = Files.size(Path.of(file));
        } catch (IOException e) {
            size = 0;
        }
        return new Progress(reader, size, err);
    }

    private void printStats(PrintStream err, Stats s) {
        err.println("== smbwatch statistics ==");
        print(err, s.toMap());
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

    private DetectEngine.Payload payloadModel() {
        switch (payload.toLowerCase(java.util.Locale.ROOT)) {
            case "message": return DetectEngine.Payload.MESSAGE;
            case "suricata": return DetectEngine.Payload.SURICATA;
            default: throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--payload: message or suricata, not '" + payload + "'");
        }
    }
}
