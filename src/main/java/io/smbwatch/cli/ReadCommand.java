package io.smbwatch.cli;

import io.smbwatch.config.Limit;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.config.Config;
import io.smbwatch.config.ConfigBuilder;
import io.smbwatch.config.ConfigException;
import io.smbwatch.config.ConfigFile;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.filter.DisplayFilter;
import io.smbwatch.filter.FieldsWriter;
import io.smbwatch.filter.FilterException;
import io.smbwatch.output.Outputs;
import io.smbwatch.output.eve.EveWriter;
import io.smbwatch.stats.Stats;
import io.smbwatch.stats.Anomalies;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smbwatch read FILE}: one line (or JSON object) per SMB message, statistics on stderr. */
@Command(name = "read", mixinStandardHelpOptions = true, versionProvider = Version.class,
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

    @Option(names = "--config", paramLabel = "YAML", description = "configuration file: limits, outputs, rules, detectors, vars "
            + "(see docs/CONFIG.md; a Suricata suricata.yaml is read for its vars); the options here win over it")
    Path config;

    @Option(names = "--limit", paramLabel = "KEY=VALUE", description = "set one limit (repeatable), e.g. flow.max=50000 (see docs/CONFIG.md)")
    List<String> limits = new ArrayList<>();

    @Option(names = "--payload", paramLabel = "MODEL", description = "what rules inspect on SMB connections: message (each SMB message, "
            + "its NetBIOS frame, once; default) or suricata (raw stream chunks and packets, as Suricata 7)")
    String payload;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", description = "analysis threads; flows are sharded over them and the "
            + "output is the same as with one (default: 1)")
    Integer workers;

    @Option(names = "--shard-by", paramLabel = "KEY", description = "with several workers, what goes to one worker: hosts (each pair of "
            + "IP addresses; default) or flow (each connection: more parallel, but SMB2 state shared between connections is lost)")
    String shardBy;

    @Option(names = "--explain", paramLabel = "SID", description = "explain matches of this rule in its alerts (repeatable; 'all' for every rule)")
    List<String> explain = new ArrayList<>();

    @Option(names = "--rules-profile", description = "after the run, print on stderr how the rules were grouped and prefiltered, and how many bytes the prefilter scanned")
    boolean rulesProfile;

    @Option(names = "--rules-report", paramLabel = "N", description = "list the first N skipped rules on stderr (default: ${DEFAULT-VALUE})")
    int rulesReport = 20;
    @Option(names = {"-Y", "--display-filter"}, paramLabel = "EXPR",
            description = "print only the messages of the frames this Wireshark display filter selects (see 'smbwatch fields')")
    String displayFilter;

    @Option(names = "-T", paramLabel = "fields", description = "print columns of fields instead of message lines, as tshark -T fields")
    String columns;

    @Option(names = "-e", paramLabel = "FIELD", description = "with -T fields: a column of this field (repeatable)")
    List<String> columnFields = new ArrayList<>();

    @Option(names = "-E", paramLabel = "KEY=VALUE", description = "with -T fields: separator=,|/t|/s, header=y|n, quote=d|s|n,"
            + " occurrence=f|l|a|N, aggregator=, (repeatable)")
    List<String> columnOptions = new ArrayList<>();

    @Option(names = "--progress", negatable = true, description = "show a progress line on the terminal"
            + " (default: on when the console is a terminal and FILE is a file)")
    Boolean progress;

    @Option(names = "--extract-files", paramLabel = "DIR", description = "store files read or written over SMB as DIR/<sha256>, with DIR/<sha256>.json: one JSON line per transfer")
    Path extractDir;

    @Option(names = "--force-hash", paramLabel = "HASHES", split = ",", description = "digests of every file transfer"
            + " (comma list of sha256, sha1, md5; default sha256,md5), as Suricata's force-hash")
    java.util.Set<String> forceHash;

    @Option(names = "--eve-types", paramLabel = "TYPES", split = ",", description = "EVE event types to write (comma list: smb,dcerpc,alert,fileinfo,incident,anomaly; default all)")
    java.util.Set<String> eveTypes;

    @Option(names = "--anomalies", paramLabel = "N", description = "list the first N anomalies on stderr (default: ${DEFAULT-VALUE})")
    int listAnomalies = 10;

    /**
     * Options, then the configuration built and checked, the display filter, the rules and the
     * capture's header read: all before any output is opened, so that a refused run leaves
     * existing output files as they were. Then the outputs, the run, the statistics.
     */
    @Override
    public Integer call() {
        PrintStream err = Main.stderr();
        Config cfg;
        DisplayFilter filter;
        FieldsWriter.Spec fieldColumns;
        RuleSet rules = null;
        try {
            cfg = configuration();
            filter = displayFilter == null ? null : DisplayFilter.compile(displayFilter, cfg.limits().get(Limit.FILTER_REGEX_BUDGET));
            fieldColumns = FieldColumns.of(columns, columnFields, columnOptions);
            if (fieldColumns != null && (json || quiet)) throw new IllegalArgumentException("-T fields cannot go with --json or -q");
        } catch (IllegalArgumentException e) {
            err.println("smbwatch: " + e.getMessage());
            return 2;
        } catch (ConfigException e) {
            err.println("smbwatch: " + e.getMessage());
            return 2;
        } catch (FilterException e) {
            err.println("smbwatch: invalid display filter: " + e.render());
            return 2;
        }
        if (!cfg.rules().files().isEmpty()) {
            rules = RuleSetup.load(cfg.rules().files(), RuleVars.of(cfg.vars()), err);
            if (rules == null) return 2;
        }
        if (!readable(err)) return 2;
        if (!directory(cfg.outputs().logDir(), "--log-dir", err) || !directory(cfg.outputs().extractDir(), "--extract-files", err)) return 2;
        Outputs outputs;
        AtomicReference<Stats> shown = new AtomicReference<>();
        try {
            outputs = Outputs.open(cfg, quiet ? Outputs.Stdout.NONE : json ? Outputs.Stdout.JSON
                    : fieldColumns != null ? Outputs.Stdout.FIELDS : Outputs.Stdout.TEXT, Main.stdout(), shown::get, filter, fieldColumns);
        } catch (IOException e) {
            err.println("smbwatch: " + e.getMessage());
            return 2;
        }
        if (rules != null) rules.printSummary(err, rulesReport);
        ReadRun run = new ReadRun(cfg, outputs, rules, DetectorConfig.of(cfg.detectors()).withLimits(cfg.limits()), err, shown);
        return run.run(file, this::withProgress, filter, new ReadRun.Report(listAnomalies, rulesProfile));
    }

    /** Defaults, then --config FILE and --detectors FILE, then the options: checked, frozen. */
    private Config configuration() throws ConfigException {
        ConfigBuilder b = new ConfigBuilder().knownEveTypes(EveWriter.EVENT_TYPES);
        if (config != null) ConfigFile.read(config, b);
        if (detectorConfig != null) ConfigFile.readDetectors(detectorConfig, b);
        for (String l : limits) b.limit(l);
        b.logDir(logDir).extractDir(extractDir).eveTypes(eveTypes, "--eve-types").forceHash(forceHash, "--force-hash").ruleFiles(ruleFiles)
                .payload(payload, "--payload").explain(explain, "--explain").workers(workers, "--workers")
                .shardBy(shardBy, "--shard-by");
        if (noDetectors) b.detectorsOn(false);
        return b.build();
    }

    /** Whether an output directory can be used: absent (made by the run), or a directory; a file in the way is refused. */
    private static boolean directory(Path dir, String option, PrintStream err) {
        if (dir == null) return true;
        Path p = dir.toAbsolutePath();
        for (Path at = p; at != null; at = at.getParent()) {
            if (Files.isDirectory(at)) return true;
            if (Files.exists(at)) {
                String what = at.equals(p) ? "is a file, not a directory" : "cannot be made: " + at + " is a file";
                err.println("smbwatch: " + option + " " + dir + ": " + what);
                return false;
            }
        }
        return true;
    }

    /** Whether the capture can be opened (its header read); standard input is taken as it comes. */
    private boolean readable(PrintStream err) {
        if ("-".equals(file)) return true;
        try (CaptureReader r = Captures.open(file, new Anomalies(), Long.MAX_VALUE)) {
            return true;
        } catch (NoSuchFileException e) {
            err.println("smbwatch: cannot read " + file + ": no such file");
        } catch (IOException | RuntimeException e) {
            err.println("smbwatch: cannot read " + file + ": " + e.getMessage());
        }
        return false;
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
}
