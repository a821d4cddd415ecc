package io.smbwatch.cli;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.config.Config;
import io.smbwatch.config.ConfigBuilder;
import io.smbwatch.config.ConfigException;
import io.smbwatch.config.ConfigFile;
import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.tx.Transactions;
import io.smbwatch.detect.builtin.Detectors;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.files.FileExtractor;
import io.smbwatch.detect.incident.Incidents;
import io.smbwatch.output.Listeners;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import io.smbwatch.report.HtmlReport;
import io.smbwatch.report.ReportBuilder;
import io.smbwatch.report.ReportWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smbwatch report FILE...}: per source host, its incidents, targets, accounts tried,
 * files read and written and timeline, worst first: where an attack comes from. As text, JSON
 * ({@code --json}) or an HTML page of plots ({@code --html OUT.html}; stdout stays quiet unless
 * {@code --json} is given too).
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Attribution report: per source, its incidents, targets, accounts tried, files read and written, and timeline.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "capture files (one analysis over all of them, in order)")
    List<String> files;

    @Option(names = "--json", description = "write the report as JSON")
    boolean json;

    @Option(names = "--html", paramLabel = "OUT.html",
            description = "write the report as one self-contained HTML page with plots (no network needed to open it)")
    Path html;

    @Option(names = "--detectors", paramLabel = "CONFIG", description = "YAML file with detector thresholds and switches")
    Path detectorConfig;

    @Option(names = "--config", paramLabel = "YAML", description = "configuration file (docs/CONFIG.md): its limits and detectors")
    Path config;

    @Option(names = "--limit", paramLabel = "KEY=VALUE", description = "set one limit (repeatable; see docs/CONFIG.md)")
    List<String> limits = new ArrayList<>();

    @Option(names = {"-S", "--rules"}, paramLabel = "RULES",
            description = "Suricata rule file or directory (repeatable): its alerts join the report's incidents and timelines")
    List<Path> ruleFiles = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintStream err = Main.stderr();
        Config cfg;
        try {
            ConfigBuilder b = new ConfigBuilder();
            if (config != null) ConfigFile.read(config, b);
            if (detectorConfig != null) ConfigFile.readDetectors(detectorConfig, b);
            for (String l : limits) b.limit(l);
            cfg = b.ruleFiles(ruleFiles).build();
        } catch (ConfigException e) {
            err.println("smbwatch: " + e.getMessage());
            return 2;
        }
        Function<AlertSink, DetectEngine> engines = null;
        if (!cfg.rules().files().isEmpty()) {
            RuleSet rules = RuleSetup.load(cfg.rules().files(), RuleVars.of(cfg.vars()), err);
            if (rules == null) return 2;
            engines = RuleSetup.engines(rules, cfg.rules(), cfg.limits());
        }
        Limits l = cfg.limits();
        ReportBuilder report = new ReportBuilder(l.getInt(Limit.REPORT_SOURCES), l.getInt(Limit.REPORT_PER_SOURCE), l.getInt(Limit.REPORT_KEYS));
        Incidents incidents = new Incidents(l, report);
        DetectorConfig detectorSettings = DetectorConfig.of(cfg.detectors()).withLimits(cfg.limits());
        Detectors detectors = new Detectors(detectorSettings, d -> {
            incidents.onDetection(d);
            report.onDetection(d);
        });
        AlertSink alerts = a -> {
            incidents.add(a.flow().srcAddress(a.direction()), "sid:" + a.rule().sid(), a.rule().msg(), a.rule().priority(),
                    a.flow().dstAddress(a.direction()), a.frame(), a.tsSeconds(), a.tsNanos(), "rule " + a.rule().sid() + " matched");
            report.onAlert(a);
        };
        List<String> read = new ArrayList<>();
        for (String file : files) {
            if (!analyse(file, l, report, detectors, engines == null ? null : engines.apply(alerts), err)) return 2;
            read.add(file);
        }
        incidents.finish();
        return write(report, read, err);
    }

    /**
     * One capture through its own pipeline (flow ids start again), the detectors, the rules and a
     * file extraction that only hashes; false, after a message, when it cannot be read.
     */
    private static boolean analyse(String file, Limits l, ReportBuilder report, Detectors detectors, DetectEngine engine,
                                   PrintStream err) {
        report.nextCapture();
        Transactions txs = new Transactions();
        try (FileExtractor files = new FileExtractor(null, l.getInt(Limit.FILES_PER_FLOW), l.getInt(Limit.FILES_TOTAL),
                l.getInt(Limit.FILE_RANGES), l.get(Limit.FILE_SIZE)).addSink(report)) {
            List<MessageListener> ls = new ArrayList<>(List.of(txs.deliver(detectors), txs.deliver(report), txs.deliver(files)));
            if (engine != null) ls.add(engine);    // last, as in read: it sees each message after the others
            Pipeline p = new Pipeline(Settings.of(l), new Listeners(ls));
            if (engine != null) p.setInspector(engine);
            try (CaptureReader r = Captures.open(file, p.anomalies())) {
                p.run(r);
            }
            return true;
        } catch (NoSuchFileException e) {
            err.println("smbwatch: cannot read " + file + ": no such file");
        } catch (IOException | RuntimeException e) {
            err.println("smbwatch: cannot read " + file + ": " + e.getMessage());
        }
        return false;
    }

    private int write(ReportBuilder report, List<String> read, PrintStream err) throws IOException {
        if (html != null) {
            try (java.io.OutputStream o = new BufferedOutputStream(java.nio.file.Files.newOutputStream(html), 1 << 16)) {
                HtmlReport.write(report, read, o);
            } catch (IOException e) {
                err.println("smbwatch: cannot write " + html + ": " + e.getMessage());
                return 2;
            }
            if (!json) return 0;
        }
        PrintStream out = new PrintStream(new BufferedOutputStream(Main.stdout(), 1 << 16),
                false, StandardCharsets.UTF_8);
        if (json) ReportWriter.json(report, read, out);
        else ReportWriter.text(report, read, out);
        out.flush();
        return 0;
    }
}
