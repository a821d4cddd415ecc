package io.smbwatch.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole configuration of a run, immutable: built from defaults, then the configuration file
 * ({@link ConfigFile}), then the command line, and validated once ({@link ConfigBuilder#build})
 * before anything is opened. Sections as in the file: {@code limits}, {@code outputs},
 * {@code rules}, {@code detectors}, {@code vars}, {@code run}.
 */
public record Config(Limits limits, Outputs outputs, Rules rules, Detectors detectors, Vars vars, Run run) {

    /** What the run writes besides standard output. */
    /**
     * @param forceHash the digests of every file transfer (Suricata's {@code force-hash}): any of
     *                  sha256, sha1, md5
     */
    public record Outputs(Path logDir, Set<String> eveTypes, Path extractDir, Set<String> forceHash) {
        /** The digests when none are named: SHA-256 (what analysts search by) and MD5 (what older feeds list). */
        public static final Set<String> DEFAULT_HASHES = Set.of("sha256", "md5");
        public static final List<String> HASHES = List.of("sha256", "sha1", "md5");

        public Outputs {
            eveTypes = eveTypes == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(eveTypes));
            forceHash = forceHash == null ? DEFAULT_HASHES : Collections.unmodifiableSet(new LinkedHashSet<>(forceHash));
        }

        /** Whether events of this type go to eve.json (all when no list was given). */
        public boolean eveType(String type) {
            return eveTypes == null || eveTypes.contains(type);
        }
    }

    /** What rules inspect on SMB connections. */
    public enum Payload {
        /** Each SMB message with its NetBIOS frame, once. */
        MESSAGE,
        /** Raw stream chunks and packets, as Suricata 7. */
        SURICATA
    }

    /** Rule files and how they run; {@code explain} holds SIDs or "all". */
    public record Rules(List<Path> files, Payload payload, List<String> explain) {
        public Rules {
            files = List.copyOf(files);
            explain = List.copyOf(explain);
        }
    }

    /** The built-in detectors: on or off as a whole, and per detector its switches and thresholds. */
    public record Detectors(boolean enabled, Map<String, Map<String, Object>> values) {
        public Detectors {
            Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            values = Collections.unmodifiableMap(copy);
        }

        public boolean enabled(String detector) {
            return enabled && !Boolean.FALSE.equals(values.getOrDefault(detector, Map.of()).get("enabled"));
        }

        public long get(DetectorSetting s) {
            Object v = values.getOrDefault(s.detector(), Map.of()).get(s.key());
            return v instanceof Long l ? l : s.defaultValue();
        }
    }

    /** Rule variables: the {@code vars: address-groups / port-groups} of Suricata's file. */
    public record Vars(Map<String, String> addressGroups, Map<String, String> portGroups) {
        public Vars {
            addressGroups = Collections.unmodifiableMap(new LinkedHashMap<>(addressGroups));
            portGroups = Collections.unmodifiableMap(new LinkedHashMap<>(portGroups));
        }
    }

    /** How flows are spread over analysis threads. */
    public enum ShardBy {
        /** Each pair of IP addresses to one worker (SMB2 state shared between connections kept). */
        HOSTS,
        /** Each connection to one worker. */
        FLOW
    }

    /** Threads of the analysis. */
    public record Run(int workers, ShardBy shardBy) {}

    public static Config defaults() {
        try {
            return new ConfigBuilder().build();
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }
}
