package io.smbwatch.detect.engine;

import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Capped;
import io.smbwatch.config.Limit;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * threshold and detection_filter state, keyed by rule and tracked address(es); at most
 * rules.threshold-entries entries, the least recently used dropped first (counted).
 */
public final class Thresholds implements Capped {
    private final int maxEntries;

    private record Key(long sid, int kind, long a1, long a2, long b1, long b2) {}

    /** {windowStartNanos, count}. */
    private final Map<Key, long[]> state = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, long[]> e) {
            if (size() > maxEntries) {
                evicted++;
                return true;
            }
            return false;
        }
    };
    long evicted;

    public Thresholds() {
        this(Limit.THRESHOLD_ENTRIES.defaultInt());
    }

    /** @param maxEntries trackers kept (rules.threshold-entries) */
    public Thresholds(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** True when the alert passes its rule's threshold and detection_filter (if any); updates the state. */
    public boolean pass(Alert a) {
        Rule r = a.rule();
        long now = a.tsSeconds() * 1_000_000_000L + a.tsNanos();
        if (r.threshold() != null && !allow(r, r.threshold(), 0, a.flow(), a.direction(), now)) return false;
        return r.detectionFilter() == null || allow(r, r.detectionFilter(), 1, a.flow(), a.direction(), now);
    }

    /** True when the alert may be written; updates the state. */
    boolean allow(Rule r, Rule.Threshold t, int kind, Flow f, int dir, long nowNanos) {
        long sHi = dir == Flow.TO_SERVER ? f.clientHi : f.serverHi, sLo = dir == Flow.TO_SERVER ? f.clientLo : f.serverLo;
        long dHi = dir == Flow.TO_SERVER ? f.serverHi : f.clientHi, dLo = dir == Flow.TO_SERVER ? f.serverLo : f.clientLo;
        Key k;
        switch (t.track()) {
            case "by_src": k = new Key(r.sid(), kind, sHi, sLo, 0, 0); break;
            case "by_dst": k = new Key(r.sid(), kind, dHi, dLo, 0, 0); break;
            case "by_both": k = new Key(r.sid(), kind, sHi, sLo, dHi, dLo); break;
            default: k = new Key(r.sid(), kind, 0, 0, 0, 0);
        }
        long window = t.seconds() * 1_000_000_000L;
        long[] s = state.get(k);
        if (s == null || nowNanos - s[0] >= window) {
            s = new long[] {nowNanos, 0};
            state.put(k, s);
        }
        long c = ++s[1];
        switch (t.type()) {
            case "limit": return c <= t.count();
            case "threshold":
                if (c >= t.count()) {
                    s[1] = 0;
                    s[0] = nowNanos;
                    return true;
                }
                return false;
            case "both": return c == t.count();
            default: return c > t.count();    // detection_filter
        }
    }

    @Override
    public void countCaps(Anomalies into) {
        into.add(AnomalyKind.RULE_THRESHOLD_CAP, evicted);
    }
}
