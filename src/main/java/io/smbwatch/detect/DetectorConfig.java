package io.smbwatch.detect;

import io.smbwatch.config.Config;
import io.smbwatch.config.ConfigBuilder;
import io.smbwatch.config.ConfigException;
import io.smbwatch.config.ConfigFile;
import io.smbwatch.config.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Thresholds and switches of the built-in detectors: the {@code detectors:} section of the
 * configuration ({@link Config.Detectors}; known keys and defaults in
 * {@link io.smbwatch.config.DetectorSetting}, documented in docs/DETECTIONS.md and CONFIG.md):
 * <pre>
 * detectors:
 *   password-guessing: { enabled: true, failures: 5, window: 300 }
 *   smb-scan: { hosts: 20, window: 60 }
 * </pre>
 */
public final class DetectorConfig {
    private final Map<String, Map<String, Object>> values = new HashMap<>();
    /** The run's limits of the state detectors keep (detect.*). */
    private Limits limits = Limits.defaults();

    public static DetectorConfig defaults() {
        return new DetectorConfig();
    }

    /** The detectors section of a run's configuration. */
    public static DetectorConfig of(Config.Detectors section) {
        DetectorConfig c = new DetectorConfig();
        section.values().forEach((d, m) -> c.values.put(d, new HashMap<>(m)));
        return c;
    }

    /**
     * A detector file ({@code --detectors FILE}).
     *
     * @throws IOException naming the file, line and key of an unknown detector or key, or a bad value
     */
    public static DetectorConfig load(Path yaml) throws IOException {
        ConfigBuilder b = new ConfigBuilder();
        try {
            ConfigFile.readDetectors(yaml, b);
            return of(b.build().detectors());
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** These settings under the run's limits. */
    public DetectorConfig withLimits(Limits limits) {
        this.limits = limits;
        return this;
    }

    public Limits limits() {
        return limits;
    }

    /** Sets one value (tests, command-line overrides). */
    public DetectorConfig set(String detector, String key, Object value) {
        values.computeIfAbsent(detector, k -> new HashMap<>()).put(key, value);
        return this;
    }

    public boolean enabled(String detector) {
        Object v = values.getOrDefault(detector, Map.of()).get("enabled");
        return v == null || Boolean.TRUE.equals(v);
    }

    public long get(String detector, String key, long defaultValue) {
        Object v = values.getOrDefault(detector, Map.of()).get(key);
        return v instanceof Number ? ((Number) v).longValue() : defaultValue;
    }
}
