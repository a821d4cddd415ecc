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
import io.smbwatch.detect.builtin.Detectors;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smbwatch report FILE...}: per source host, its incidents, targets, accounts tried,
 * files written and timeline, worst first: where an attack comes from. As text, JSON
 * ({@code --json}) or an HTML page of plots ({@code --html OUT.html}; stdout stays quiet unless
 * {@code --json} is given too).
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Attribution report: per source, its incidents, targets, accounts tried, files written and timeline.")
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

    @Override
    public Integer call() throws IOException {
        PrintStream err = Main.stderr();
        Config cfg;
        try {
            ConfigBuilder b = new ConfigBuilder();
            if (config != null) ConfigFile.read(config, b);
            if (detectorConfig != null) ConfigFile.readDetectors(detectorConfig, b);
            for (String l : limits) b.limit(l);
            cfg = b.build();
        } catch (ConfigException e) {
            err.println("smbwatch: " + e.getMessage());
            return 2;
        }
        Limits l = cfg.limits();
        ReportBuilder report = new ReportBuilder(l.getInt(Limit.REPORT_SOURCES), l.getInt(Limit.REPORT_PER_SOURCE), l.getInt(Limit.REPORT_KEYS));
        Incidents incidents = new Incidents(l, report);
        DetectorConfig detectorSettings = DetectorConfig.of(cfg.detectors()).withLimits(cfg.limits());
        Detectors detectors = new Detectors(detectorSettings, d -> {
            incidents.onDetection(d);
            report.onDetection(d);
        });
        List<String> read = new ArrayList<>();
        for (String file : files) {
            report.nextCapture();
            io.smbwatch.app.tx.Transactions txs = new io.smbwatch.app.tx.Transactions();
            Pipeline p = new Pipeline(Settings.of(l), new Listeners(List.of(txs.deliver(detectors), txs.deliver(report))));
            try (CaptureReader r = Captures.open(file, p.anomalies())) {
                p.run(r);
                read.add(file);
            } catch (IOException e) {
                err.println("smbwatch: cannot read " + file + ": " + e.getMessage());
                return 2;
            }
        }
        incidents.finish();
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
