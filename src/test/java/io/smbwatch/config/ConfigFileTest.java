package io.smbwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path p = dir.resolve("smbwatch.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    private Config read(String yaml) throws Exception {
        ConfigBuilder b = new ConfigBuilder().knownEveTypes(List.of("smb", "alert"));
        ConfigFile.read(write(yaml), b);
        return b.build();
    }

    private ConfigException refused(String yaml) {
        return assertThrows(ConfigException.class, () -> read(yaml));
    }

    @Test
    void everySectionIsRead() throws Exception {
        Config c = read("""
                limits:
                  flow.max: 5000
                  flow: { closed-timeout: 10 }
                  files:
                    per-flow: 3
                outputs: { log-dir: out, eve-types: [smb, alert], extract-files: x }
                rules: { files: [a.rules, b.rules], payload: suricata, explain: [7, all] }
                detectors:
                  password-guessing: { failures: 9, enabled: true }
                  smb-scan: { enabled: false }
                vars:
                  address-groups: { HOME_NET: "[10.0.0.0/8]" }
                  port-groups: { SSH_PORTS: 2222 }
                run: { workers: 3, shard-by: flow }
                """);
        assertEquals(5000, c.limits().get(Limit.FLOWS));
        assertEquals(3, c.limits().get(Limit.FILES_PER_FLOW));
        assertEquals(10, c.limits().get(Limit.FLOW_CLOSED_TIMEOUT));
        assertEquals(Path.of("out"), c.outputs().logDir());
        assertEquals(Set.of("smb", "alert"), c.outputs().eveTypes());
        assertFalse(c.outputs().eveType("dcerpc"));
        assertEquals(Path.of("x"), c.outputs().extractDir());
        assertEquals(List.of(Path.of("a.rules"), Path.of("b.rules")), c.rules().files());
        assertEquals(Config.Payload.SURICATA, c.rules().payload());
        assertEquals(List.of("7", "all"), c.rules().explain());
        assertEquals(9, c.detectors().get(DetectorSetting.PASSWORD_GUESSING_FAILURES));
        assertEquals(300, c.detectors().get(DetectorSetting.PASSWORD_GUESSING_WINDOW));
        assertFalse(c.detectors().enabled("smb-scan"));
        assertTrue(c.detectors().enabled("ms17-010"));
        assertEquals("[10.0.0.0/8]", c.vars().addressGroups().get("HOME_NET"));
        assertEquals("2222", c.vars().portGroups().get("SSH_PORTS"));
        assertEquals(new Config.Run(3, Config.ShardBy.FLOW), c.run());
    }

    @Test
    void aFixedLimitIsRefused() {
        // a fixed limit is a structural bound: the file names it, and the run refuses it
        ConfigException e = refused("limits:\n  nbss: { length: 10 }\n");
        assertTrue(e.getMessage().matches(".*smbwatch.yaml:2: limits.nbss.length: fixed at 16777215 .*"), e.getMessage());
    }

    @Test
    void theDefaultsWhenTheFileIsEmpty() throws Exception {
        Config c = read("");
        assertEquals(Config.defaults(), c);
        assertEquals(Limits.defaults(), c.limits());
        assertNull(c.outputs().eveTypes());
        assertEquals(new Config.Run(1, Config.ShardBy.HOSTS), c.run());
    }

    @Test
    void unknownKeysAreRefusedWithFileLineAndKey() {
        ConfigException section = refused("limits: {}\nlimit:\n  flow.max: 5\n");
        assertTrue(section.getMessage().contains("smbwatch.yaml:2: limit: unknown section"), section.getMessage());
        ConfigException limit = refused("limits:\n  flow:\n    maxx: 5\n");
        assertEquals("limits.flow.maxx", limit.key());
        assertTrue(limit.getMessage().contains(":3: limits.flow.maxx: unknown limit (did you mean flow.max?)"), limit.getMessage());
        assertEquals("outputs.logdir", refused("outputs: { logdir: x }").key());
        assertEquals("rules.file", refused("rules:\n  file: [a]\n").key());
        assertEquals("run.threads", refused("run: { threads: 2 }").key());
        assertEquals("vars.address", refused("vars: { address: { A: b } }").key());
    }

    @Test
    void badValuesAreRefused() {
        ConfigException word = refused("limits:\n  flow.max: abc\n");
        assertTrue(word.getMessage().endsWith(":2: limits.flow.max: a whole number of flows, not 'abc'"), word.getMessage());
        ConfigException negative = refused("limits: { flow.idle-timeout: -5 }");
        assertTrue(negative.getMessage().contains("limits.flow.idle-timeout: 1 to 2147483647, not -5"), negative.getMessage());
        ConfigException range = refused("limits: { nbss.message-size: 16777216 }");
        assertTrue(range.getMessage().contains("1 to 16777215, not 16777216"), range.getMessage());
        assertTrue(refused("limits: { nbss.length: 5 }").getMessage().contains("limits.nbss.length: fixed at 16777215"));
        assertEquals("limits.files.per-flow", refused("limits: { files.per-flow: 2.5 }").key());
        assertTrue(refused("run: { workers: 0 }").getMessage().contains("run.workers: 1 to 64, not '0'"));
        assertTrue(refused("run: { shard-by: host }").getMessage().contains("smbwatch.yaml:1: run.shard-by: hosts or flow, not 'host'"));
        assertTrue(refused("rules: { payload: raw }").getMessage().contains("rules.payload: message or suricata, not 'raw'"));
        assertTrue(refused("rules: { explain: [x1] }").getMessage().contains("rules.explain: a rule SID or 'all', not 'x1'"));
        ConfigException type = refused("outputs:\n  eve-types: smb,bogus\n");
        assertTrue(type.getMessage().contains(":2: outputs.eve-types: unknown event type 'bogus' (known: smb,alert)"), type.getMessage());
        assertEquals("limits", refused("limits: 5").key());
    }

    @Test
    void detectorNamesKeysAndValuesAreChecked() {
        ConfigException name = refused("detectors:\n  pasword-guessing: { failures: 5 }\n");
        assertTrue(name.getMessage().contains(":2: detectors.pasword-guessing: unknown detector (known: trans-name-overflow,"), name.getMessage());
        ConfigException key = refused("detectors:\n  password-guessing:\n    failurs: 5\n");
        assertTrue(key.getMessage().contains(":3: detectors.password-guessing.failurs: unknown key (known: enabled, failures, window)"),
                key.getMessage());
        assertTrue(refused("detectors: { password-guessing: { failures: abc } }").getMessage()
                .contains("detectors.password-guessing.failures: a whole number of requests, not 'abc'"));
        assertTrue(refused("detectors: { password-guessing: { failures: -5 } }").getMessage()
                .contains("detectors.password-guessing.failures: 1 to 2147483647, not -5"));
        assertTrue(refused("detectors: { smb-scan: { hosts: 1 } }").getMessage().contains("detectors.smb-scan.hosts: 2 to"));
        assertTrue(refused("detectors: { ms17-010: { enabled: maybe } }").getMessage()
                .contains("detectors.ms17-010.enabled: true or false, not 'maybe'"));
        assertTrue(refused("detectors: { ms17-010: { window: 5 } }").getMessage().contains("unknown key (known: enabled)"));
    }

    @Test
    void aDetectorFileHoldsDetectorsOnly() throws Exception {
        ConfigBuilder b = new ConfigBuilder();
        ConfigFile.readDetectors(write("detectors:\n  remote-exec: { window: 60 }\n"), b);
        assertEquals(60, b.build().detectors().get(DetectorSetting.REMOTE_EXEC_WINDOW));
        ConfigException other = assertThrows(ConfigException.class,
                () -> ConfigFile.readDetectors(write("detectors: {}\nlimits: {}\n"), new ConfigBuilder()));
        assertTrue(other.getMessage().contains(":2: limits: unknown key"), other.getMessage());
    }

    @Test
    void suricatasOwnFileIsReadForItsVarsOnly() throws Exception {
        ConfigBuilder b = new ConfigBuilder();
        ConfigFile.read(Path.of("samples/expected/rules-sample-suricata.yaml"), b);
        Config c = b.build();
        assertEquals("[127.0.0.0/8,192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]", c.vars().addressGroups().get("HOME_NET"));
        assertEquals("1521", c.vars().portGroups().get("ORACLE_PORTS"));
        assertEquals(Limits.defaults(), c.limits());     // its outputs:, stream: ... configure Suricata
        assertNull(c.outputs().logDir());
    }

    @Test
    void unreadableAndMalformedFilesAreRefused() throws IOException {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> ConfigFile.read(dir.resolve("none.yaml"), new ConfigBuilder()));
        assertTrue(missing.getMessage().endsWith("none.yaml: cannot read the file"), missing.getMessage());
        Path bad = write("limits:\n  flow.max: 5\n   - x: [\n");
        ConfigException yaml = assertThrows(ConfigException.class, () -> ConfigFile.read(bad, new ConfigBuilder()));
        assertTrue(yaml.getMessage().matches(".*smbwatch.yaml:\\d+: yaml: not YAML: .*"), yaml.getMessage());
    }

    @Test
    void theCommandLineWinsOverTheFile() throws Exception {
        ConfigBuilder b = new ConfigBuilder();
        ConfigFile.read(write("limits: { flow.max: 5000 }\nrun: { workers: 3 }\noutputs: { log-dir: a }\n"), b);
        b.limit("flow.max=7").limit("limits.files.total=9").workers(2, "--workers").logDir(Path.of("b"));
        Config c = b.build();
        assertEquals(7, c.limits().get(Limit.FLOWS));
        assertEquals(9, c.limits().get(Limit.FILES_TOTAL));
        assertEquals(2, c.run().workers());
        assertEquals(Path.of("b"), c.outputs().logDir());
        assertEquals("--limit", assertThrows(ConfigException.class, () -> new ConfigBuilder().limit("flow.mux=1")).key());
        assertEquals("limits.flow.max", assertThrows(ConfigException.class, () -> new ConfigBuilder().limit("flow.max=x")).key());
        ConfigException workers = assertThrows(ConfigException.class, () -> new ConfigBuilder().workers(65, "--workers").build());
        assertEquals("--workers: 1 to 64, not 65", workers.getMessage());
        assertEquals("--shard-by", assertThrows(ConfigException.class, () -> new ConfigBuilder().shardBy("x", "--shard-by").build()).key());
    }
}
