package io.smbwatch.detect.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smbwatch.capture.Frame;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.packet.FrameBuilder;
import io.smbwatch.packet.Packet;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import org.junit.jupiter.api.Test;

/** The detectors' state across flows is capped, and what the caps drop is counted under each detector's name. */
class DetectorCapsTest {
    @Test
    void scanSourcesBeyondTheCapAreCounted() {
        Detectors detectors = new Detectors(DetectorConfig.defaults(), d -> { });
        Pipeline p = new Pipeline(Settings.defaults(), detectors);
        int sources = 65536 + 3;
        for (int i = 0; i < sources; i++) {
            String src = "10." + (i >>> 16) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
            Frame f = FrameBuilder.tcp(src, 40000, "10.200.0.1", 445).seq(0).flags(Packet.TCP_SYN).frame();
            f.number = i + 1;
            f.tsSeconds = 1000;
            p.onFrame(f);
        }
        p.finish();
        Anomalies caps = new Anomalies();
        detectors.countCaps(caps);
        assertEquals(3, caps.count(AnomalyKind.DETECT_SMB_SCAN_CAP), caps.counts().toString());
        assertEquals("detect.smb_scan_cap 3", caps.capsLine());
    }

    @Test
    void nothingCountedBelowTheCaps() {
        Detectors detectors = new Detectors(DetectorConfig.defaults(), d -> { });
        Anomalies caps = new Anomalies();
        detectors.countCaps(caps);
        assertEquals(0, caps.total());
        assertEquals("0", caps.capsLine());
    }
}
