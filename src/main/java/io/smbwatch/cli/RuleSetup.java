package io.smbwatch.cli;

import io.smbwatch.config.Config;
import io.smbwatch.config.Limits;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Loads the rules of {@code read -S} and makes their engines; where alerts go is the outputs' business. */
final class RuleSetup {
    private RuleSetup() {}

    /** Loads rules with these variables; null (after a message) when they cannot be read. */
    static RuleSet load(List<Path> files, RuleVars vars, PrintStream err) {
        try {
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
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("smbwatch: cannot read rules: " + e.getMessage());
            return null;
        }
    }

    /** A way to make engines over the loaded rules (one per worker when flows are sharded), each given its alert sink. */
    static Function<AlertSink, DetectEngine> engines(RuleSet rs, Config.Rules cfg, Limits limits) {
        DetectEngine.Payload model = cfg.payload() == Config.Payload.SURICATA ? DetectEngine.Payload.SURICATA : DetectEngine.Payload.MESSAGE;
        return sink -> {
            DetectEngine engine = new DetectEngine(rs.rules(), sink, model, limits);
            for (String x : cfg.explain()) {
                if (x.equals("all")) engine.explainAll();
                else engine.explain(Long.parseLong(x));
            }
            return engine;
        };
    }
}
