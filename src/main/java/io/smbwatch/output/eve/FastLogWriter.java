package io.smbwatch.output.eve;

import io.smbwatch.detect.Detection;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.engine.Alert;
import io.smbwatch.detect.engine.AlertSink;
import java.io.PrintStream;

/** Suricata's fast.log: one line per alert, the built-in detectors' included (as eve.json has them). */
public final class FastLogWriter implements AlertSink, DetectionSink {
    private final PrintStream out;

    public FastLogWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onAlert(Alert a) {
        out.println(FastLine.of(a));
    }

    @Override
    public void onDetection(Detection d) {
        out.println(FastLine.of(d));
    }
}
