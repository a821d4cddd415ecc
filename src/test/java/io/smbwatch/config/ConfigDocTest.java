package io.smbwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocTest {
    @Test
    void docsConfigMdIsTheRegistryAsItStands() throws Exception {
        String doc = Files.readString(Path.of("docs/CONFIG.md"));
        assertEquals(ConfigDoc.render(), doc, "docs/CONFIG.md is stale; regenerate it: " + ConfigDoc.REGENERATE);
    }

    @Test
    void everyKeyIsDocumented() {
        String doc = ConfigDoc.render();
        for (Limit l : Limit.values()) assertTrue(doc.contains("| `" + l.key() + "` | " + l.defaultValue() + " |"), l.key());
        for (DetectorSetting s : DetectorSetting.values()) assertTrue(doc.contains("`" + s.detector() + "` | `" + s.key() + "`"), s.key());
        for (String section : ConfigFile.SECTIONS) assertTrue(doc.contains("## `" + section + "`"), section);
    }

    @Test
    void theExampleIsAValidFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("smbwatch.yaml");
        Files.writeString(f, ConfigDoc.EXAMPLE);
        ConfigBuilder b = new ConfigBuilder();
        ConfigFile.read(f, b);
        Config c = b.build();
        assertEquals(50000, c.limits().get(Limit.FLOWS));
        assertEquals(2097152, c.limits().get(Limit.STREAM_OUT_OF_ORDER));
        assertEquals(1800, c.limits().get(Limit.INCIDENT_GAP));
        assertEquals(Path.of("out"), c.outputs().logDir());
    }
}
