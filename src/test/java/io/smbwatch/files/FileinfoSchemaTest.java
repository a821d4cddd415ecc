package io.smbwatch.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import io.smbwatch.output.eve.EveWriter;
import io.smbwatch.output.eve.FileinfoLogger;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The EVE fileinfo events validate against Suricata 7.0.10's schema; --eve-types drops unselected events. */
class FileinfoSchemaTest {
    static List<JsonNode> fileinfo(Path capture, Set<String> types) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EveWriter eve = new EveWriter(out).select(types);
             FileExtractor x = new FileExtractor(null)) {
            x.addSink(new FileinfoLogger(eve));
            io.smbwatch.app.tx.Transactions txs = new io.smbwatch.app.tx.Transactions();
            Pipeline p = new Pipeline(Settings.defaults(), new io.smbwatch.output.Listeners(List.of(txs.deliver(x),
                    txs.deliver(new io.smbwatch.output.eve.SmbTxLogger(eve)))));
            try (CaptureReader r = Captures.open(capture.toString(), p.anomalies())) {
                p.run(r);
            }
        }
        return Eve.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fileinfoEventsValidate() throws IOException {
        Path root = Shared.require();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(
                new ObjectMapper().readTree(Files.readString(root.resolve("schema/suricata-7.0.10-eve.schema.json"))));
        int n = 0;
        for (Path c : List.of(Path.of("samples", "files-sample.pcap"), root.resolve("pcaps/suricata-verify/tests/smb2-01/smb2-peter.pcap"),
                root.resolve("pcaps/zeek/testing/btest/Traces/smb/smb3_multichannel.pcap"))) {
            for (JsonNode e : fileinfo(c, Set.of("fileinfo"))) {
                assertEquals("fileinfo", e.path("event_type").asText(), "only the selected type is written");
                assertTrue(schema.validate(e).isEmpty(), schema.validate(e) + " in " + e);
                n++;
            }
        }
        assertTrue(n > 50, n + " events");
    }
}
