package io.smbwatch.detect.builtin;

import io.smbwatch.config.DetectorSetting;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Capped;
import io.smbwatch.config.Limit;
import io.smbwatch.app.BoundedMap;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.Detection;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.flow.Flow;
import io.smbwatch.packet.Packet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One source opening TCP 139/445 to many distinct hosts in a window: the worm's scan. Every
 * connection attempt (a SYN from the client) counts, answered, refused (RST) or unanswered; the
 * detection lists the destinations and how each attempt ended. Judged when the flows end.
 */
public final class SmbScan implements MessageListener, Capped {
    public static final String ID = "smb-scan";
    /** Defaults: 20 distinct hosts within 60 s. */
    public static final long HOSTS = DetectorSetting.SMB_SCAN_HOSTS.defaultValue(),
            WINDOW = DetectorSetting.SMB_SCAN_WINDOW.defaultValue();

    private static final class Attempts {
        boolean open;
        long windowStart;
        final LinkedHashMap<String, String> outcome = new LinkedHashMap<>();  // destination -> outcome
        final List<Long> flows = new ArrayList<>();
        Flow last;
    }

    private final DetectionSink sink;
    private final long hosts, window;
    private final BoundedMap<String, Attempts> bySource;
    /** Destinations listed in one detection (detect.scan-destinations). */
    private final int listed;

    public SmbScan(DetectorConfig c, DetectionSink sink) {
        this.sink = sink;
        this.bySource = new BoundedMap<>(c.limits().getInt(Limit.DETECT_STATE));
        this.listed = c.limits().getInt(Limit.SCAN_LISTED);
        this.hosts = Math.max(2, c.get(ID, "hosts", HOSTS));
        this.window = c.get(ID, "window", WINDOW);
    }

    @Override
    public void onMessage(SmbMessage m) {
        // decided from connection attempts only
    }

    @Override
    public void onFlowEnd(Flow f) {
        if (f.protocol != Packet.PROTO_TCP || (f.serverPort != 445 && f.serverPort != 139)) return;
        if ((f.tcpFlags[Flow.TO_SERVER] & Packet.TCP_SYN) == 0) return;   // not an attempt we saw start
        int server = f.tcpFlags[Flow.TO_CLIENT];
        String outcome = (server & Packet.TCP_SYN) != 0 ? "answered" : (server & Packet.TCP_RST) != 0 ? "refused" : "unanswered";
        String src = f.clientAddress();
        Attempts a = bySource.computeIfAbsent(src, k -> new Attempts());
        if (!a.open || f.firstSeconds - a.windowStart > window) {
            a.open = true;
            a.windowStart = f.firstSeconds;
            a.outcome.clear();
            a.flows.clear();
        }
        a.outcome.putIfAbsent(f.serverAddress() + ":" + f.serverPort, outcome);
        a.flows.add(f.id);
        a.last = f;
        if (a.outcome.size() < hosts) return;
        Map<String, Object> details = new LinkedHashMap<>();
        int answered = 0, refused = 0, unanswered = 0;
        List<String> targets = new ArrayList<>();
        for (Map.Entry<String, String> e : a.outcome.entrySet()) {
            if (targets.size() < listed) targets.add(e.getKey() + " " + e.getValue());
            switch (e.getValue()) {
                case "answered": answered++; break;
                case "refused": refused++; break;
                default: unanswered++;
            }
        }
        details.put("hosts", a.outcome.size());
        details.put("answered", answered);
        details.put("refused", refused);
        details.put("unanswered", unanswered);
        details.put("targets", targets);
        String explain = src + " opened TCP 139/445 to " + a.outcome.size() + " distinct hosts within " + window
                + " s (threshold " + hosts + "): " + answered + " answered, " + refused + " refused, " + unanswered
                + " unanswered";
        sink.onDetection(new Detection(ID, "SMB scan from " + src, 2, src, 0, "", 0, f.eveId(), f.lastSeconds, f.lastNanos,
                List.of(), explain, details));
        a.outcome.clear();
        a.flows.clear();
        a.open = false;
    }

    @Override
    public void countCaps(Anomalies into) {
        into.add(AnomalyKind.DETECT_SMB_SCAN_CAP, bySource.evicted());
    }
}
