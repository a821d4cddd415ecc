package io.smbwatch.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.detect.builtin.Detectors;
import io.smbwatch.output.eve.DetectionLogger;
import io.smbwatch.output.eve.EveWriter;
import io.smbwatch.output.eve.SmbTxLogger;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** EVE output of smbwatch for a capture, and Suricata's expected EVE, as parsed JSON events. */
public final class Eve {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Eve() {}

    public static List<JsonNode> smbwatch(Path capture) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EveWriter eve = new EveWriter(out)) {
            io.smbwatch.detect.incident.Incidents incidents = new io.smbwatch.detect.incident.Incidents(
                    io.smbwatch.config.Limits.defaults(), new io.smbwatch.output.eve.IncidentLogger(eve));
            DetectionLogger alerts = new DetectionLogger(eve, incidents::lastId);
            io.smbwatch.app.tx.Transactions txs = new io.smbwatch.app.tx.Transactions();
            Pipeline p = new Pipeline(Settings.defaults(), new io.smbwatch.output.Listeners(java.util.List.of(
                    txs.deliver(new Detectors(DetectorConfig.defaults(), d -> {
                        incidents.onDetection(d);
                        alerts.onDetection(d);
                    })), txs.deliver(new SmbTxLogger(eve)), new io.smbwatch.output.eve.AnomalyLogger(eve))));
            try (CaptureReader r = Captures.open(capture.toString(), p.anomalies())) {
                p.run(r);
            }
            incidents.finish();
        }
        return parse(out.toString(StandardCharsets.UTF_8));
    }

    /** Suricata's eve.json for a capture given relative to pcaps/, or null when there is none. */
    public static List<JsonNode> suricata(String rel) throws IOException {
        Path p = Shared.suricataEve(rel);
        return Files.exists(p) ? parse(Files.readString(p)) : null;
    }

    public static List<JsonNode> parse(String lines) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) l.add(JSON.readTree(line));
        }
        return l;
    }
}
