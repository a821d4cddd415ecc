package io.smbwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Thresholds and switches of the built-in detectors. Defaults (documented in docs/DETECTIONS.md)
 * can be overridden by a YAML file:
 * <pre>
 * detectors:
 *   password-guessing: { enabled: true, failures: 5, window: 300 }
 *   smb-scan: { hosts: 20, window: 60 }
 * </pre>
 */
public final class DetectorConfig {
    private final Map<String, Map<String, Object>> values = new HashMap<>();

    public static DetectorConfig defaults() {
        return new DetectorConfig();
    }

    public static DetectorConfig load(Path yaml) throws IOException {
        DetectorConfig c = new DetectorConfig();
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
        JsonNode d = root == null ? null : root.path("detectors");
        if (d != null && d.isObject()) {
            d.fields().forEachRemaining(e -> {
                Map<String, Object> m = new HashMap<>();
                e.getValue().fields().forEachRemaining(kv -> m.put(kv.getKey(),
                        kv.getValue().isBoolean() ? kv.getValue().asBoolean() : (Object) kv.getValue().asLong()));
                c.values.put(e.getKey(), m);
            });
        }
        return c;
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
