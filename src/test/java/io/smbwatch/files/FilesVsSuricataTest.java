package io.smbwatch.files;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import io.smbwatch.output.Listeners;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file for which Suricata 7 wrote an SMB fileinfo event with a SHA-256
 * (../shared/expected/suricata/PATH/eve.json) comes out of smbwatch's extraction with the same
 * SHA-256, except the ones docs/DIFFERENCES.md lists (check {@code fileinfo}, by sha256).
 */
class FilesVsSuricataTest {

    static List<String> captures() throws IOException {
        List<String> l = new ArrayList<>();
        if (!Shared.present()) return List.of("(shared corpus absent)");
        Path eveRoot = Shared.root().resolve("expected/suricata");
        try (Stream<Path> s = Files.walk(eveRoot)) {
            for (Path p : (Iterable<Path>) s.filter(x -> x.getFileName().toString().equals("eve.json")).sorted()::iterator) {
                if (!Files.readString(p).contains("\"event_type\":\"fileinfo\"")) continue;
                l.add(eveRoot.relativize(p.getParent()).toString());
            }
        }
        return l;
    }

    static Set<String> suricataSha256(List<JsonNode> events) {
        Set<String> s = new TreeSet<>();
        for (JsonNode e : events) {
            if (!"fileinfo".equals(e.path("event_type").asText()) || !"smb".equals(e.path("app_proto").asText())) continue;
            JsonNode h = e.path("fileinfo").path("sha256");
            if (!h.isMissingNode()) s.add(h.asText());
        }
        return s;
    }

    static List<ExtractedFile> extract(Path capture) throws IOException {
        List<ExtractedFile> out = new ArrayList<>();
        try (FileExtractor x = new FileExtractor(null)) {
            x.addSink(out::add);
            Pipeline p = new Pipeline(Settings.defaults(), new Listeners(List.of(new io.smbwatch.app.tx.Transactions().deliver(x))));
            try (CaptureReader r = Captures.open(capture.toString(), p.anomalies())) {
                p.run(r);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameSha256AsSuricata(String stem) throws IOException {
        Path root = Shared.require();
        Path capture = null;
        for (String ext : new String[] {".pcap", ".pcapng", ".pcap.gz"}) {
            Path c = root.resolve("pcaps").resolve(stem + ext);
            if (Files.exists(c)) capture = c;
        }
        if (capture == null) return;
        Set<String> theirs = suricataSha256(Eve.parse(Files.readString(root.resolve("expected/suricata").resolve(stem).resolve("eve.json"))));
        Set<String> ours = new TreeSet<>();
        for (ExtractedFile f : extract(capture)) ours.add(f.sha256());
        Set<String> missing = new TreeSet<>(theirs);
        missing.removeAll(ours);
        System.out.printf("files %s: suricata %d, smbwatch %d, missing %d%n", stem, theirs.size(), ours.size(), missing.size());
        missing.removeIf(h -> Differences.listed(stem, h));
        assertTrue(missing.isEmpty(), "SHA-256 Suricata computed that smbwatch did not: " + missing);
    }

    /** Rows "| fileinfo | CAPTURE | SHA256 | reason |" of docs/DIFFERENCES.md. */
    static final class Differences {
        private static Set<String> rows;

        static synchronized boolean listed(String stem, String sha) {
            if (rows == null) {
                rows = new java.util.HashSet<>();
                try {
                    for (String line : Files.readAllLines(Path.of("docs", "DIFFERENCES.md"))) {
                        String[] c = line.split("\\|");
                        if (c.length >= 5 && c[1].trim().equals("fileinfo")) rows.add(c[2].trim() + " " + c[3].trim());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return rows.contains(stem + " " + sha);
        }
    }
}
