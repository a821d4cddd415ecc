package io.smbwatch.detect;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.corpus.Shared;
import io.smbwatch.detect.builtin.Detectors;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the built-in detectors over a capture and keeps their detections. */
public final class DetectorSurvey {
    private DetectorSurvey() {}

    public static List<Detection> run(Path capture, DetectorConfig config) throws IOException {
        List<Detection> out = new ArrayList<>();
        Pipeline p = new Pipeline(Settings.defaults(), new io.smbwatch.app.tx.Transactions().deliver(new Detectors(config, out::add)));
        try (CaptureReader r = Captures.open(capture.toString(), p.anomalies())) {
            p.run(r);
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        for (String c : Shared.captures()) {
            for (Detection d : run(Shared.pcap(c), DetectorConfig.defaults())) {
                System.out.println(c + "\t" + d.detector() + "\t" + d.src() + " -> " + d.dst() + "\t" + d.explain());
            }
        }
    }
}
