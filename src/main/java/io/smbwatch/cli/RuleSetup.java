package io.smbwatch.cli;

import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.incident.Incidents;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.output.eve.AlertLogger;
import io.smbwatch.output.eve.EveWriter;
import io.smbwatch.output.eve.FastLogWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads rules for {@code read -S} and wires the engine to eve.json (alerts) and fast.log. */
final class RuleSetup {
    private RuleSetup() {}

    /** Loads rules and variables; null (after a message) when they cannot be read. */
    static RuleSet load(List<Path> files, Path config, PrintStream err) {
        try {
            RuleVars vars = config != null ? RuleVars.load(config) : RuleVars.defaults();
            Classifications classes = Classifications.defaults();
            Path cc = files.get(0).toAbsolutePath().getParent().resolve("classification.config");
            if (Files.exists(cc)) classes = Classifications.load(cc);
            RuleSet rs = new RuleSet(vars, classes);
            for (Path f : files) {
                if (Files.isDirectory(f)) {
                    try (var s = Files.list(f)) {
                        for (Path x : s.filter(p -> p.toString().endsWith(".rules")).sorted().toList()) rs.load(x);
                    }
                } else {
                    rs.load(f);
                }
            }
            return rs;
        } catch (IOException e) {
            err.println("smbwatch: cannot read rules: " + e.getMessage());
            return null;
        }
    }

    /**
     * @param incidents groups the alerts into incidents (before they are written, so that each
     *     alert event names its incident)
     */
    static DetectEngine engine(List<Path> files, Path config, List<String> explain, Path logDir, EveWriter eve,
                               PrintStream err, int report, List<AutoCloseable> toClose, Incidents incidents,
                               DetectEngine.Payload model) throws IOException {
        Setup s = setup(files, config, explain, logDir, eve, err, report, toClose, incidents, model);
        return s == null ? null : s.engines().apply(s.sink());
    }

    /**
     * The loaded rules as a way to make engines (one per worker when flows are sharded), and the
     * sink every alert goes to (incidents, EVE, fast.log).
     */
    record Setup(AlertSink sink, java.util.function.Function<AlertSink, DetectEngine> engines) {}

    static Setup setup(List<Path> files, Path config, List<String> explain, Path logDir, EveWriter eve,
                       PrintStream err, int report, List<AutoCloseable> toClose, Incidents incidents,
                       DetectEngine.Payload model) throws IOException {
        RuleSet rs = load(files, config, err);
        if (rs == null) return null;
        rs.printSummary(err, report);
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(a -> incidents.add(a.flow().srcAddress(a.direction()), "sid:" + a.rule().sid(), a.rule().msg(),
                a.rule().priority(), a.flow().dstAddress(a.direction()), a.frame(), a.tsSeconds(), a.tsNanos(),
                "rule " + a.rule().sid() + " matched"));
        if (eve != null) sinks.add(new AlertLogger(eve, incidents::lastId));
        if (logDir != null) {
            Files.createDirectories(logDir);
            PrintStream fast = new PrintStream(new BufferedOutputStream(Files.newOutputStream(logDir.resolve("fast.log"))), false, StandardCharsets.UTF_8);
            sinks.add(new FastLogWriter(fast));
            toClose.add(fast);
        }
        AlertSink all = a -> {
            for (AlertSink s : sinks) s.onAlert(a);
        };
        return new Setup(all, sink -> {
            DetectEngine engine = new DetectEngine(rs.rules(), sink, model);
            for (String x : explain) {
                if (x.equals("all")) engine.explainAll();
                else engine.explain(Long.parseLong(x));
            }
            return engine;
        });
    }
}
