package io.smbwatch.detect.incident;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Alerts of one kind (one detector, or one rule) from one source, close together in time: what an
 * analyst handles as one case. A flood of 1800 alerts from one client is one incident.
 */
public final class Incident {
    public final long id;
    public final String source;
    /** The detector id, or "sid:NNN" for a rule. */
    public final String kind;
    public final String title;
    public int severity;
    /** Earliest and latest alert: captures read together need not be in time order. */
    public long firstSeconds;
    public int firstNanos;
    public long lastSeconds;
    public int lastNanos;
    public long count;
    public final Set<String> targets = new LinkedHashSet<>();
    public long targetsDropped;
    public final List<Long> frames = new ArrayList<>();
    /** The first alert's explanation. */
    public final String firstExplain;
    /** Targets and sample frames kept (incidents.targets, incidents.frames). */
    private final int maxTargets, maxFrames;

    Incident(long id, String source, String kind, String title, int severity, long sec, int nanos, String explain,
             int maxTargets, int maxFrames) {
        this.maxTargets = maxTargets;
        this.maxFrames = maxFrames;
        this.id = id;
        this.source = source;
        this.kind = kind;
        this.title = title;
        this.severity = severity;
        this.firstSeconds = sec;
        this.firstNanos = nanos;
        this.lastSeconds = sec;
        this.lastNanos = nanos;
        this.firstExplain = explain;
    }

    void add(String target, long frame, long sec, int nanos, int sev) {
        count++;
        if (sec < firstSeconds || (sec == firstSeconds && nanos < firstNanos)) {
            firstSeconds = sec;
            firstNanos = nanos;
        }
        if (sec > lastSeconds || (sec == lastSeconds && nanos > lastNanos)) {
            lastSeconds = sec;
            lastNanos = nanos;
        }
        severity = Math.min(severity, sev);
        target(target);
        if (frame > 0 && frames.size() < maxFrames) frames.add(frame);
    }

    /** One more host this incident is about (bounded; the ones past the cap are counted). */
    void target(String target) {
        if (target == null || target.isEmpty()) return;
        if (targets.size() < maxTargets || targets.contains(target)) targets.add(target);
        else targetsDropped++;
    }

    /** One line an analyst reads first. */
    public String story() {
        long secs = Math.floorDiv((lastSeconds - firstSeconds) * 1_000_000_000L + lastNanos - firstNanos, 1_000_000_000L);
        int n = targets.size() + (int) targetsDropped;
        return source + ": " + title + ", " + count + (count == 1 ? " alert" : " alerts") + " over " + secs + " s against "
                + n + (n == 1 ? " target" : " targets") + (targets.isEmpty() ? "" : " (" + String.join(", ", first(3)) + (n > 3 ? ", ..." : "") + ")");
    }

    private List<String> first(int k) {
        List<String> l = new ArrayList<>();
        for (String t : targets) {
            if (l.size() == k) break;
            l.add(t);
        }
        return l;
    }
}
