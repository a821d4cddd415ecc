package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digests of file transfers chosen as Suricata's force-hash: from the command line or the configuration file. */
class ForceHashTest {
    static List<JsonNode> fileinfo(Path eve) throws Exception {
        ObjectMapper om = new ObjectMapper();
        return Files.readAllLines(eve).stream().map(l -> {
            try {
                return om.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> n.path("event_type").asText().equals("fileinfo")).map(n -> n.path("fileinfo")).toList();
    }

    @Test
    void defaultIsSha256AndMd5(@TempDir Path dir) throws Exception {
        var r = ReadCommandTest.runHere(null, "read", "-q", "-l", dir.toString(), "samples/files-sample.pcap");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> f = fileinfo(dir.resolve("eve.json"));
        assertEquals(8, f.size());
        for (JsonNode n : f) {
            assertTrue(n.has("sha256") && n.has("md5") && !n.has("sha1"), n.toString());
        }
    }

    @Test
    void sha1FromTheCommandLineAndMd5Left(@TempDir Path dir) throws Exception {
        var r = ReadCommandTest.runHere(null, "read", "-q", "-l", dir.toString(), "--force-hash", "sha1,sha256",
                "samples/files-sample.pcap");
        assertEquals(0, r.code(), r.err());
        for (JsonNode n : fileinfo(dir.resolve("eve.json"))) {
            assertTrue(n.has("sha1") && n.has("sha256"), n.toString());
            assertFalse(n.has("md5"), n.toString());
            assertTrue(n.path("sha1").asText().matches("[0-9a-f]{40}"), n.toString());
        }
    }

    @Test
    void fromTheConfigurationFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("smbwatch.yaml");
        Files.writeString(conf, "outputs:\n  force-hash: [md5]\n");
        Path out = dir.resolve("out");
        var r = ReadCommandTest.runHere(null, "read", "-q", "--config", conf.toString(), "-l", out.toString(),
                "samples/files-sample.pcap");
        assertEquals(0, r.code(), r.err());
        for (JsonNode n : fileinfo(out.resolve("eve.json"))) {
            assertTrue(n.has("md5") && !n.has("sha256") && !n.has("sha1"), n.toString());
        }
    }

    @Test
    void anUnknownHashIsRefused(@TempDir Path dir) throws Exception {
        var r = ReadCommandTest.runHere(null, "read", "-q", "--force-hash", "sha512", "samples/files-sample.pcap");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--force-hash: unknown hash 'sha512'"), r.err());
        Path conf = dir.resolve("bad.yaml");
        Files.writeString(conf, "outputs:\n  force-hash: [crc32]\n");
        r = ReadCommandTest.runHere(null, "read", "-q", "--config", conf.toString(), "samples/files-sample.pcap");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("outputs.force-hash") && r.err().contains("crc32"), r.err());
    }
}
