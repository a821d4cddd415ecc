package io.smbwatch.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The smb-event checks of the test.yaml files beside the suricata-verify captures, run on
 * smbwatch's EVE output. Counts that depend on Suricata's transaction model (docs/DIFFERENCES.md,
 * "EVE smb transactions": reads and writes folded per file, commands Suricata keeps no
 * transaction for, totals over all smb events or over a status alone) are checked as presence
 * (count ≥ 1 needs ≥ 1; a count of 0 there only says what Suricata's model leaves out); every
 * other check must give Suricata's exact count. Keys that only Suricata's implementation
 * defines are not matched: smb.id (its transaction numbering), smb.dialect (it names the first
 * offered dialect where the server chose another), smb.fuid (its own text form of the FileId,
 * which is not Wireshark's GUID form that smbwatch writes; a check naming one is a presence
 * check). smb.dcerpc.* keys are matched like the others (DCERPC calls over pipe Writes and
 * Reads are one transaction each, as in Suricata), except a Bind Ack's ack_reason.
 */
class SuricataVerifyChecksTest {
    /** Commands whose transaction count differs by model. */
    static final Set<String> MODEL_COUNTED = Set.of("SMB2_COMMAND_WRITE", "SMB2_COMMAND_READ", "SMB1_COMMAND_WRITE_ANDX",
            "SMB1_COMMAND_READ_ANDX", "SMB2_COMMAND_GET_INFO", "SMB1_COMMAND_TRANS", "SMB1_COMMAND_TRANS2",
            "SMB2_COMMAND_IOCTL", "SMB2_COMMAND_SET_INFO");

    static Stream<Path> tests() throws IOException {
        if (!Shared.present()) return Stream.of(Path.of("(../shared absent)"));
        Path root = Shared.root().resolve("pcaps/suricata-verify/tests");
        List<Path> l = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.getFileName().toString().equals("test.yaml")).sorted().forEach(p -> {
                try {
                    if (Files.readString(p).contains("event_type: smb") && pcapOf(p.getParent()) != null) l.add(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return l.stream();
    }

    static Path pcapOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".pcap")).findFirst().orElse(null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tests")
    void smbChecksHold(Path yaml) throws IOException {
        Shared.require();
        JsonNode test = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
        List<JsonNode> events = Eve.smbwatch(pcapOf(yaml.getParent()));
        List<String> failures = new ArrayList<>();
        int exact = 0, presence = 0;
        for (JsonNode check : test.path("checks")) {
            JsonNode filter = check.path("filter");
            JsonNode match = filter.path("match");
            if (!"smb".equals(match.path("event_type").asText())) continue;
            if (filter.path("requires").path("min-version").asInt(0) > 7) continue;
            int want = filter.path("count").asInt(-1);
            if (want < 0) continue;
            int got = 0;
            for (JsonNode e : events) if (matches(e, match)) got++;
            boolean modelDependent = modelDependent(match);
            if (modelDependent && want == 0) continue;
            boolean ok = modelDependent ? got > 0 : want == got;
            if (modelDependent) presence++;
            else exact++;
            if (!ok) failures.add((modelDependent ? "presence" : "count") + " of " + match + ": Suricata " + want + ", smbwatch " + got);
        }
        System.out.printf("suricata-verify %-60s %d exact, %d presence checks%n", yaml.getParent().getFileName(), exact, presence);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** True when the check's count follows Suricata's transaction model rather than the traffic. */
    static boolean modelDependent(JsonNode match) {
        String cmd = match.path("smb.command").asText(null);
        if (cmd != null && MODEL_COUNTED.contains(cmd)) return true;
        if (match.has("smb.fuid")) return true;
        Iterator<String> keys = match.fieldNames();
        int specific = 0;
        while (keys.hasNext()) {
            String k = keys.next();
            if (!k.equals("event_type") && !k.equals("smb.status") && !IGNORED.contains(k)) specific++;
        }
        return specific == 0;                             // totals, or a status/dialect alone
    }

    static final Set<String> IGNORED = Set.of("smb.id", "smb.dialect", "smb.fuid");

    /**
     * A Bind Ack result's reason: Suricata writes 0 where the result is not an acceptance
     * (docs/DIFFERENCES.md, EVE dcerpc), smbwatch the reason on the wire.
     */
    static boolean ackReason(String key) {
        return key.startsWith("smb.dcerpc.interfaces[") && key.endsWith("].ack_reason");
    }

    static boolean matches(JsonNode event, JsonNode match) {
        Iterator<Map.Entry<String, JsonNode>> it = match.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> m = it.next();
            if (IGNORED.contains(m.getKey()) || ackReason(m.getKey())) continue;
            JsonNode v = event;
            for (String part : m.getKey().split("\\.")) {
                int br = part.indexOf('[');    // "client_dialects[0]"
                if (br < 0) {
                    v = v.path(part);
                } else {
                    v = v.path(part.substring(0, br)).path(Integer.parseInt(part.substring(br + 1, part.length() - 1)));
                }
            }
            if (v.isMissingNode() || !v.asText().equals(m.getValue().asText())) return false;
        }
        return true;
    }
}
