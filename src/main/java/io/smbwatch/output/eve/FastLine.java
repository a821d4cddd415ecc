package io.smbwatch.output.eve;

import io.smbwatch.detect.Detection;
import io.smbwatch.detect.engine.Alert;
import io.smbwatch.detect.rule.Rule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One alert as Suricata's fast.log writes it, for rule alerts and built-in detections alike
 * (the detections with the signature ids of {@link DetectionLogger}); names and messages that may
 * carry wire data are escaped ({@link Printable}).
 */
public final class FastLine {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("MM/dd/yyyy-HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    /** The classification of detections, as their EVE alerts give it. */
    static final String DETECTION_CLASS = "Attempted Administrator Privilege Gain";

    private FastLine() {}

    public static String of(Alert a) {
        Rule r = a.rule();
        int d = a.direction();
        int p = a.flow().protocol;
        return line(a.tsSeconds(), a.tsNanos(), r.gid(), r.sid(), r.rev(), r.msg(), r.category() == null ? "(null)" : r.category(),
                r.priority(), p == 6 ? "TCP" : p == 17 ? "UDP" : Integer.toString(p),
                a.flow().srcAddress(d), a.flow().srcPort(d), a.flow().dstAddress(d), a.flow().dstPort(d));
    }

    public static String of(Detection d) {
        return line(d.tsSeconds(), d.tsNanos(), 1, DetectionLogger.sid(d.detector()), 1, "SMBWATCH " + d.name(), DETECTION_CLASS,
                d.severity(), "TCP", d.src(), d.srcPort(), d.dst().isEmpty() ? "any" : d.dst(), d.dstPort());
    }

    private static String line(long sec, int nanos, int gid, long sid, int rev, String msg, String cls, int prio, String proto,
                               String src, int sport, String dst, int dport) {
        return TS.format(Instant.ofEpochSecond(sec, nanos)) + "  [**] [" + gid + ":" + sid + ":" + rev + "] " + Printable.of(msg)
                + " [**] [Classification: " + cls + "] [Priority: " + prio + "] {" + proto + "} "
                + src + ":" + sport + " -> " + Printable.of(dst) + ":" + dport;
    }
}
