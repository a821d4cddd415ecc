package io.smbwatch.output.eve;

import io.smbwatch.detect.engine.Alert;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.rule.Rule;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Suricata's fast.log: one line per alert. */
public final class FastLogWriter implements AlertSink {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("MM/dd/yyyy-HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private final PrintStream out;

    public FastLogWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onAlert(Alert a) {
        Rule r = a.rule();
        int d = a.direction();
        out.printf("%s  [**] [%d:%d:%d] %s [**] [Classification: %s] [Priority: %d] {%s} %s:%d -> %s:%d%n",
                TS.format(Instant.ofEpochSecond(a.tsSeconds(), a.tsNanos())), r.gid(), r.sid(), r.rev(), r.msg(),
                r.category() == null ? "(null)" : r.category(), r.priority(),
                a.flow().protocol == 6 ? "TCP" : a.flow().protocol == 17 ? "UDP" : Integer.toString(a.flow().protocol),
                a.flow().srcAddress(d), a.flow().srcPort(d), a.flow().dstAddress(d), a.flow().dstPort(d));
    }
}
