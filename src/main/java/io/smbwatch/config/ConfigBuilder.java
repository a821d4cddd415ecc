package io.smbwatch.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gathers a {@link Config}: defaults, then what a file sets ({@link ConfigFile}, which checks its
 * values as it reads them, with their lines), then what the command line sets (last, so it wins).
 * {@link #build} checks what the command line set and freezes the result.
 */
public final class ConfigBuilder {
    private Limits limits = Limits.defaults();
    private Path logDir, extractDir;
    private Set<String> eveTypes, forceHash;
    private String forceHashFrom = "--force-hash";
    private final Set<String> knownEveTypes = new LinkedHashSet<>();
    private final List<Path> ruleFiles = new ArrayList<>();
    private String payload = "message";
    private final List<String> explain = new ArrayList<>();
    private boolean detectorsOn = true;
    private final Map<String, Map<String, Object>> detectors = new LinkedHashMap<>();
    private final Map<String, String> addressGroups = new LinkedHashMap<>(), portGroups = new LinkedHashMap<>();
    private int workers = 1;
    private String shardBy = "hosts";
    /** Where a value was set, for messages: a command-line option or a file key. */
    private String workersFrom = "--workers", shardByFrom = "--shard-by", payloadFrom = "--payload",
            eveTypesFrom = "--eve-types", explainFrom = "--explain";

    /** The EVE event types a writer knows (the output package's list): others are refused. */
    public ConfigBuilder knownEveTypes(java.util.Collection<String> types) {
        knownEveTypes.addAll(types);
        return this;
    }

    public ConfigBuilder limit(Limit limit, long value) throws ConfigException {
        try {
            limits = limits.with(limit, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("limits." + limit.key(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        return this;
    }

    /** {@code --limit KEY=VALUE}. */
    public ConfigBuilder limit(String assignment) throws ConfigException {
        int eq = assignment.indexOf('=');
        String key = (eq < 0 ? assignment : assignment.substring(0, eq)).trim();
        if (key.startsWith("limits.")) key = key.substring("limits.".length());
        Limit l = Limit.byKey(key);
        if (l == null) throw new ConfigException("--limit", "unknown limit '" + key + "'" + suggest(key));
        if (eq < 0) throw new ConfigException("--limit", "KEY=VALUE, not '" + assignment + "'");
        String v = assignment.substring(eq + 1).trim();
        try {
            return limit(l, Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new ConfigException("limits." + key, "a whole number of " + l.unit().word() + ", not '" + v + "'");
        }
    }

    static String suggest(String key) {
        String best = null;
        int bestDistance = 3;
        for (Limit l : Limit.values()) {
            int d = distance(key, l.key());
            if (d < bestDistance) {
                bestDistance = d;
                best = l.key();
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    /** Edit distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public ConfigBuilder logDir(Path dir) {
        if (dir != null) logDir = dir;
        return this;
    }

    public ConfigBuilder extractDir(Path dir) {
        if (dir != null) extractDir = dir;
        return this;
    }

    public ConfigBuilder forceHash(Set<String> hashes, String from) {
        if (hashes != null) {
            forceHash = new LinkedHashSet<>(hashes);
            forceHashFrom = from;
        }
        return this;
    }

    public ConfigBuilder eveTypes(Set<String> types, String from) {
        if (types != null) {
            eveTypes = new LinkedHashSet<>(types);
            eveTypesFrom = from;
        }
        return this;
    }

    /** Rule files: those of the command line come after those of the file. */
    public ConfigBuilder ruleFiles(List<Path> files) {
        ruleFiles.addAll(files);
        return this;
    }

    public ConfigBuilder payload(String model, String from) {
        if (model != null) {
            payload = model;
            payloadFrom = from;
        }
        return this;
    }

    public ConfigBuilder explain(List<String> sids, String from) {
        if (sids != null && !sids.isEmpty()) {
            explain.clear();
            explain.addAll(sids);
            explainFrom = from;
        }
        return this;
    }

    public ConfigBuilder detectorsOn(boolean on) {
        detectorsOn = on;
        return this;
    }

    /** One detector setting, already checked against {@link DetectorSetting}. */
    ConfigBuilder detector(String detector, String key, Object value) {
        detectors.computeIfAbsent(detector, k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    ConfigBuilder addressGroup(String name, String value) {
        addressGroups.put(name, value);
        return this;
    }

    ConfigBuilder portGroup(String name, String value) {
        portGroups.put(name, value);
        return this;
    }

    public ConfigBuilder workers(Integer n, String from) {
        if (n != null) {
            workers = n;
            workersFrom = from;
        }
        return this;
    }

    public ConfigBuilder shardBy(String key, String from) {
        if (key != null) {
            shardBy = key;
            shardByFrom = from;
        }
        return this;
    }

    /** Checks what is not checked yet and freezes the configuration. */
    public Config build() throws ConfigException {
        int most = Limit.WORKERS.defaultInt();
        if (workers < 1 || workers > most) throw new ConfigException(workersFrom, "1 to " + most + ", not " + workers);
        Config.ShardBy by = choice(Config.ShardBy.class, shardBy, shardByFrom);
        Config.Payload model = choice(Config.Payload.class, payload, payloadFrom);
        if (eveTypes != null && !knownEveTypes.isEmpty()) {
            for (String t : eveTypes) {
                if (!knownEveTypes.contains(t)) {
                    throw new ConfigException(eveTypesFrom, "unknown event type '" + t + "' (known: " + String.join(",", knownEveTypes) + ")");
                }
            }
        }
        if (forceHash != null) {
            if (forceHash.isEmpty()) throw new ConfigException(forceHashFrom, "at least one of " + Config.Outputs.HASHES);
            for (String h : forceHash) {
                if (!Config.Outputs.HASHES.contains(h)) {
                    throw new ConfigException(forceHashFrom, "unknown hash '" + h + "' (known: " + String.join(",", Config.Outputs.HASHES) + ")");
                }
            }
        }
        for (String x : explain) {
            if (!x.equals("all") && !x.matches("\\d{1,18}")) {
                throw new ConfigException(explainFrom, "a rule SID or 'all', not '" + x + "'");
            }
        }
        return new Config(limits, new Config.Outputs(logDir, eveTypes, extractDir, forceHash),
                new Config.Rules(ruleFiles, model, explain), new Config.Detectors(detectorsOn, detectors),
                new Config.Vars(addressGroups, portGroups), new Config.Run(workers, by));
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String from) throws ConfigException {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) return e;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
        throw new ConfigException(from, String.join(" or ", names) + ", not '" + value + "'");
    }
}
