package io.smbwatch.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The known keys of the built-in detectors (the {@code detectors:} section, also the whole of a
 * {@code --detectors FILE}): every detector takes {@code enabled}, a few take thresholds. Their
 * meaning is in docs/DETECTIONS.md; the detectors read their defaults from here.
 */
public enum DetectorSetting {
    PASSWORD_GUESSING_FAILURES("password-guessing", "failures", 4, 1, Limit.Unit.REQUESTS,
            "refused logons from one source within the window that fire: a person mistyping twice stays below it"),
    PASSWORD_GUESSING_WINDOW("password-guessing", "window", 300, 1, Limit.Unit.SECONDS,
            "capture time the refusals are counted over"),
    SMB_SCAN_HOSTS("smb-scan", "hosts", 20, 2, Limit.Unit.HOSTS,
            "distinct hosts one source opens TCP 139/445 to within the window that fire: a client maps a few shares"),
    SMB_SCAN_WINDOW("smb-scan", "window", 60, 1, Limit.Unit.SECONDS,
            "capture time the destinations are counted over"),
    REMOTE_EXEC_WINDOW("remote-exec", "window", 3600, 1, Limit.Unit.SECONDS,
            "capture time between an executable written to a share and the service or task that starts it");

    /** The built-in detectors by name, in the order they run. */
    public static final List<String> DETECTORS = List.of("trans-name-overflow", "smb-scan", "password-guessing",
            "ms17-010", "null-session-enum", "ms08-067", "remote-exec");

    private final String detector, key;
    private final long defaultValue, min;
    private final Limit.Unit unit;
    private final String reason;

    DetectorSetting(String detector, String key, long defaultValue, long min, Limit.Unit unit, String reason) {
        this.detector = detector;
        this.key = key;
        this.defaultValue = defaultValue;
        this.min = min;
        this.unit = unit;
        this.reason = reason;
    }

    public String detector() {
        return detector;
    }

    public String key() {
        return key;
    }

    public long defaultValue() {
        return defaultValue;
    }

    public long min() {
        return min;
    }

    public Limit.Unit unit() {
        return unit;
    }

    public String reason() {
        return reason;
    }

    /** The setting of this detector and key, or null. */
    public static DetectorSetting of(String detector, String key) {
        for (DetectorSetting s : values()) {
            if (s.detector.equals(detector) && s.key.equals(key)) return s;
        }
        return null;
    }

    /** The keys a detector takes: {@code enabled} and its thresholds. */
    public static Set<String> keys(String detector) {
        Set<String> keys = new LinkedHashSet<>(List.of("enabled"));
        for (DetectorSetting s : values()) {
            if (s.detector.equals(detector)) keys.add(s.key);
        }
        return keys;
    }

    /** The thresholds of one detector. */
    public static List<DetectorSetting> of(String detector) {
        List<DetectorSetting> l = new ArrayList<>();
        for (DetectorSetting s : values()) {
            if (s.detector.equals(detector)) l.add(s);
        }
        return l;
    }
}
