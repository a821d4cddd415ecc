package io.smbwatch.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smbwatch.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code read --extract-files DIR} on samples/files-sample.pcap (two files, each put and got over
 * SMB3 and SMB1: 8 transfers of 2 contents): each content is stored once, and its sidecar
 * {@code <sha256>.json} has one JSON line per transfer, all 4 of them; a second run into the same
 * directory appends its own.
 */
class ExtractSidecarTest {
    private static final Path SAMPLE = Path.of("samples", "files-sample.pcap");

    @TempDir
    Path dir;

    private void extract() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8),
                "read", "-q", "--no-progress", "--extract-files", dir.toString(), SAMPLE.toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    }

    /** Sidecar name → its lines as JSON. */
    private Map<String, List<JsonNode>> sidecars() throws IOException {
        Map<String, List<JsonNode>> m = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".json")).toList()) {
                List<JsonNode> lines = new ArrayList<>();
                for (String l : Files.readAllLines(p)) lines.add(json.readTree(l));
                m.put(p.getFileName().toString(), lines);
            }
        }
        return m;
    }

    @Test
    void everyTransferIsRecorded() throws IOException {
        extract();
        Map<String, String> known = FilesSampleTest.known();
        Map<String, List<JsonNode>> cars = sidecars();
        assertEquals(2, cars.size(), cars.keySet().toString());
        for (String name : List.of("one.bin", "file64k.bin")) {
            String sha = known.get(name);
            assertTrue(Files.isRegularFile(dir.resolve(sha)), name + " stored as its SHA-256");
            List<JsonNode> lines = cars.get(sha + ".json");
            TreeSet<String> kinds = new TreeSet<>();
            for (JsonNode t : lines) {
                assertEquals(sha, t.get("sha256").asText());
                assertTrue(t.get("name").asText().endsWith(name), t.toString());
                kinds.add(t.get("protocol").asText() + " " + t.get("direction").asText() + " " + t.get("first_frame").asLong());
            }
            assertEquals(4, lines.size(), name + ": " + lines);
            assertEquals(4, kinds.size(), "four different transfers: " + kinds);
            assertEquals(new TreeSet<>(List.of("SMB", "SMB2")), protocols(lines), name);
        }
        extract();
        for (List<JsonNode> lines : sidecars().values()) assertEquals(8, lines.size(), "a second run appends its transfers");
    }

    private static TreeSet<String> protocols(List<JsonNode> lines) {
        TreeSet<String> p = new TreeSet<>();
        for (JsonNode t : lines) p.add(t.get("protocol").asText());
        return p;
    }
}
