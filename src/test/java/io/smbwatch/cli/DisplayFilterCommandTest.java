package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smbwatch.cli.ReadCommandTest.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code read -Y} and {@code fields} end to end on the repository's sample capture. */
class DisplayFilterCommandTest {
    static final String SAMPLE = ReadCommandTest.SAMPLE.toString();

    @Test
    void textOutputKeepsOnlyTheMatchingFramesInOrder() throws Exception {
        Result all = ReadCommandTest.run(null, "read", SAMPLE);
        Result r = ReadCommandTest.run(null, "read", SAMPLE, "-Y", "smb2.filename contains \".dll\"");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Create Request File: evil.dll"), r.out());
        List<String> expected = new ArrayList<>();
        for (String line : all.out().split("\n")) if (line.contains("Create Request File: evil.dll")) expected.add(line.trim().split(" +")[0]);
        List<Long> frames = new ArrayList<>();
        for (String line : r.out().split("\n")) frames.add(Long.parseLong(line.trim().split(" +")[0]));
        for (int i = 1; i < frames.size(); i++) assertTrue(frames.get(i - 1) <= frames.get(i), "in order");
        for (String f : expected) assertTrue(frames.contains(Long.parseLong(f)), "frame " + f + " of a message naming evil.dll");
        assertTrue(r.err().contains("display filter:"), r.err());
    }

    @Test
    void jsonOutputAndTheWholeFrame() throws Exception {
        Result r = ReadCommandTest.run(null, "read", "--json", SAMPLE, "-Y", "smb.cmd == 0x73 and smb.flags.response == 0");
        assertEquals(0, r.code(), r.err());
        ObjectMapper json = new ObjectMapper();
        boolean sessionSetup = false;
        for (String line : r.out().split("\n")) {
            JsonNode n = json.readTree(line);
            assertEquals("SMB", n.get("protocol").asText());
            assertFalse(n.get("response").asBoolean(), line);
            sessionSetup |= n.get("command").asInt() == 0x73;
        }
        assertTrue(sessionSetup, r.out());
    }

    @Test
    void nothingMatchesIsNotAnError() throws Exception {
        Result r = ReadCommandTest.run(null, "read", SAMPLE, "-Y", "frame.number > 1000000");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aTypoIsExitCodeTwoWithACaretAndASuggestion() throws Exception {
        Result r = ReadCommandTest.run(null, "read", SAMPLE, "-Y", "smb2.cmd == 5 && smb2.filenme contains \"x\"");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        String[] lines = r.err().split("\n");
        assertTrue(lines[0].contains("did you mean \"smb2.filename\"") && lines[0].contains("column 18"), r.err());
        assertEquals(lines[1].indexOf("smb2.filenme"), lines[2].indexOf('^'), r.err());
    }

    @Test
    void fieldsListsNamesTypesAndDescriptions() throws Exception {
        Result r = ReadCommandTest.run(null, "fields");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("smb2\\.filename +character string +SMB2 file name.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("samr +protocol +.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("dcerpc.op ")), r.out());
        Result p = ReadCommandTest.run(null, "fields", "ntlmssp.");
        assertTrue(p.out().lines().allMatch(l -> l.startsWith("ntlmssp.")), p.out());
        Result none = ReadCommandTest.run(null, "fields", "smb3.");
        assertEquals(2, none.code());
    }
}
