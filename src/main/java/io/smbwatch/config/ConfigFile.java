package io.smbwatch.config;

import io.smbwatch.config.YamlTree.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads a configuration file in Suricata's style into a {@link ConfigBuilder}, refusing unknown
 * keys and bad values with the file, line and key:
 * <pre>
 * limits:   { flow.max: 100000, smb2: { sessions: 4096 } }   # nested or dotted keys
 * outputs:  { log-dir: out, eve-types: [smb, alert], extract-files: files, force-hash: [sha256, md5] }
 * rules:    { files: [et-smb.rules], payload: message, explain: [2000001] }
 * detectors: { password-guessing: { failures: 4, window: 300 } }
 * vars:     { address-groups: { HOME_NET: "[10.0.0.0/8]" }, port-groups: { ... } }
 * run:      { workers: 1, shard-by: hosts }
 * </pre>
 * A Suricata configuration (one with {@code suricata-version:}) is read for its {@code vars}
 * only: its other keys configure Suricata.
 */
public final class ConfigFile {
    /** The sections of smbwatch's file. */
    public static final List<String> SECTIONS = List.of("limits", "outputs", "rules", "detectors", "vars", "run");

    private final Path file;
    private final ConfigBuilder into;

    private ConfigFile(Path file, ConfigBuilder into) {
        this.file = file;
        this.into = into;
    }

    /** Reads {@code --config FILE}. */
    public static void read(Path file, ConfigBuilder into) throws ConfigException {
        Map<String, Node> root = root(file);
        ConfigFile f = new ConfigFile(file, into);
        boolean suricata = root.containsKey("suricata-version");
        for (Map.Entry<String, Node> e : root.entrySet()) {
            String key = e.getKey();
            Node v = e.getValue();
            if (suricata && !key.equals("vars")) continue;
            switch (key) {
                case "limits" -> f.limits("limits", f.map(key, v));
                case "outputs" -> f.outputs(f.map(key, v));
                case "rules" -> f.rules(f.map(key, v));
                case "detectors" -> f.detectors(f.map(key, v));
                case "vars" -> f.vars(f.map(key, v));
                case "run" -> f.run(f.map(key, v));
                default -> throw f.error(v, key, "unknown section (known: " + String.join(", ", SECTIONS) + ")");
            }
        }
    }

    /** Reads {@code --detectors FILE}: a file with a {@code detectors:} section only. */
    public static void readDetectors(Path file, ConfigBuilder into) throws ConfigException {
        ConfigFile f = new ConfigFile(file, into);
        for (Map.Entry<String, Node> e : root(file).entrySet()) {
            if (!e.getKey().equals("detectors")) throw f.error(e.getValue(), e.getKey(), "unknown key (a detector file holds detectors:)");
            f.detectors(f.map("detectors", e.getValue()));
        }
    }

    private static Map<String, Node> root(Path file) throws ConfigException {
        Node n = YamlTree.read(file);
        if (n == null || n.value() == null) return Map.of();
        if (n.map() == null) throw new ConfigException(file, n.line(), "yaml", "a mapping of sections, not '" + n.text() + "'");
        return n.map();
    }

    private void limits(String prefix, Map<String, Node> m) throws ConfigException {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            String key = prefix + "." + e.getKey();
            Node v = e.getValue();
            if (v.map() != null) {
                limits(key, v.map());
                continue;
            }
            String name = key.substring("limits.".length());
            Limit l = Limit.byKey(name);
            if (l == null) throw error(v, key, "unknown limit" + ConfigBuilder.suggest(name));
            if (!(v.value() instanceof Long n)) throw error(v, key, "a whole number of " + l.unit().word() + ", not '" + v.text() + "'");
            try {
                into.limit(l, n);
            } catch (ConfigException x) {
                throw error(v, key, x.getMessage().substring(x.getMessage().indexOf(": ") + 2));
            }
        }
    }

    private void outputs(Map<String, Node> m) throws ConfigException {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            String key = "outputs." + e.getKey();
            Node v = e.getValue();
            switch (e.getKey()) {
                case "log-dir" -> into.logDir(Path.of(text(key, v)));
                case "extract-files" -> into.extractDir(Path.of(text(key, v)));
                case "eve-types" -> into.eveTypes(new LinkedHashSet<>(words(key, v)), where(v, key));
                case "force-hash" -> into.forceHash(new LinkedHashSet<>(words(key, v)), where(v, key));
                default -> throw error(v, key, "unknown key (known: log-dir, eve-types, extract-files, force-hash)");
            }
        }
    }

    private void rules(Map<String, Node> m) throws ConfigException {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            String key = "rules." + e.getKey();
            Node v = e.getValue();
            switch (e.getKey()) {
                case "files" -> {
                    List<Path> files = new ArrayList<>();
                    for (String s : words(key, v)) files.add(Path.of(s));
                    into.ruleFiles(files);
                }
                case "payload" -> into.payload(text(key, v), where(v, key));
                case "explain" -> into.explain(words(key, v), where(v, key));
                default -> throw error(v, key, "unknown key (known: files, payload, explain)");
            }
        }
    }

    private void detectors(Map<String, Node> m) throws ConfigException {
        for (Map.Entry<String, Node> d : m.entrySet()) {
            String name = d.getKey();
            if (!DetectorSetting.DETECTORS.contains(name)) {
                throw error(d.getValue(), "detectors." + name, "unknown detector (known: " + String.join(", ", DetectorSetting.DETECTORS) + ")");
            }
            if (d.getValue().value() == null) continue;
            for (Map.Entry<String, Node> e : map("detectors." + name, d.getValue()).entrySet()) {
                detectorKey(name, e.getKey(), e.getValue());
            }
        }
    }

    private void detectorKey(String detector, String name, Node v) throws ConfigException {
        String key = "detectors." + detector + "." + name;
        if (name.equals("enabled")) {
            if (!(v.value() instanceof Boolean b)) throw error(v, key, "true or false, not '" + v.text() + "'");
            into.detector(detector, name, b);
            return;
        }
        DetectorSetting s = DetectorSetting.of(detector, name);
        if (s == null) throw error(v, key, "unknown key (known: " + String.join(", ", DetectorSetting.keys(detector)) + ")");
        if (!(v.value() instanceof Long n)) throw error(v, key, "a whole number of " + s.unit().word() + ", not '" + v.text() + "'");
        if (n < s.min() || n > Integer.MAX_VALUE) throw error(v, key, s.min() + " to " + Integer.MAX_VALUE + ", not " + n);
        into.detector(detector, name, n);
    }

    private void vars(Map<String, Node> m) throws ConfigException {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            String key = "vars." + e.getKey();
            boolean addresses = e.getKey().equals("address-groups");
            if (!addresses && !e.getKey().equals("port-groups")) {
                throw error(e.getValue(), key, "unknown key (known: address-groups, port-groups)");
            }
            if (e.getValue().value() == null) continue;
            for (Map.Entry<String, Node> g : map(key, e.getValue()).entrySet()) {
                Node v = g.getValue();
                if (v.value() == null) continue;
                String value = text(key + "." + g.getKey(), v);
                if (addresses) into.addressGroup(g.getKey(), value);
                else into.portGroup(g.getKey(), value);
            }
        }
    }

    private void run(Map<String, Node> m) throws ConfigException {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            String key = "run." + e.getKey();
            Node v = e.getValue();
            switch (e.getKey()) {
                case "workers" -> {
                    if (!(v.value() instanceof Long n) || n < 1 || n > Limit.WORKERS.defaultValue()) {
                        throw error(v, key, "1 to " + Limit.WORKERS.defaultValue() + ", not '" + v.text() + "'");
                    }
                    into.workers((int) (long) n, where(v, key));
                }
                case "shard-by" -> into.shardBy(text(key, v), where(v, key));
                default -> throw error(v, key, "unknown key (known: workers, shard-by)");
            }
        }
    }

    private Map<String, Node> map(String key, Node v) throws ConfigException {
        if (v.value() == null) return Map.of();
        if (v.map() == null) throw error(v, key, "a mapping, not '" + v.text() + "'");
        return v.map();
    }

    private String text(String key, Node v) throws ConfigException {
        if (v.value() == null || v.map() != null || v.list() != null) throw error(v, key, "a value, not '" + v.text() + "'");
        return v.text();
    }

    /** A list, or one comma-separated value. */
    private List<String> words(String key, Node v) throws ConfigException {
        List<String> l = new ArrayList<>();
        if (v.list() != null) {
            for (Node n : v.list()) l.add(text(key, n));
        } else {
            for (String s : text(key, v).split(",")) {
                if (!s.isBlank()) l.add(s.trim());
            }
        }
        return l;
    }

    /** How a value's origin is named in messages of {@link ConfigBuilder#build}. */
    private String where(Node v, String key) {
        return file + ":" + v.line() + ": " + key;
    }

    private ConfigException error(Node v, String key, String problem) {
        return new ConfigException(file, v.line(), key, problem);
    }
}
