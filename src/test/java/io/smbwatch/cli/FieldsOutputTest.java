package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code read -T fields}: the same columns as tshark's {@code -T fields} on shared captures
 * (src/test/resources/fields, made by tshark 4.0.17): frame number, tcp.stream, frame length,
 * fractional epoch time, SMB2 command, session id, status and source address, with a header and a
 * separator.
 */
class FieldsOutputTest {
    @ParameterizedTest
    @CsvSource({"suricata-verify/tests/smb2-03-rule/smb2.pcap,smb2-03", "local/smb-bruteforce.pcap,smb-bruteforce",
            "local/smb-rpcclient-samr.pcap,smb-rpcclient-samr"})
    void sameColumnsAsTshark(String capture, String name) throws Exception {
        Shared.require(capture);
        String want = Files.readString(Path.of("src/test/resources/fields", name + ".csv"));
        ReadCommandTest.Result r = ReadCommandTest.runHere(null, "read", "--no-progress", "-Y", "smb2", "-T", "fields",
                "-e", "frame.number", "-e", "tcp.stream", "-e", "frame.len", "-e", "frame.time_epoch", "-e", "smb2.cmd",
                "-e", "smb2.sesid", "-e", "smb2.nt_status", "-e", "ip.src", "-E", "header=y", "-E", "separator=,",
                Shared.pcap(capture).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(want.lines().count() > 10, "expected rows");
        assertEquals(want, r.out());
    }

    @org.junit.jupiter.api.Test
    void fieldsCannotGoWithJson() throws Exception {
        ReadCommandTest.Result r = ReadCommandTest.runHere(null, "read", "--json", "-T", "fields", "-e", "frame.number",
                "samples/smb-sample.pcap");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("-T fields cannot go with --json"), r.err());
    }
}
