package io.smbwatch.proto.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the tables against the Info column of the recorded tshark 4.0.17 output
 * in /work/shared/expected/tshark (skipped when that directory is absent): every SMB/SMB2
 * row must contain the command display names and "Error: " + NtStatus.format(status).
 * Rows tshark marks "[Malformed Packet]" are skipped.
 */
class TsharkExpectedOutputTest {
    private static final Path ROOT = Paths.get("/work/shared/expected/tshark");

    @Test
    void infoColumnsAgree() throws IOException {
        assumeTrue(Files.isDirectory(ROOT), "no recorded tshark output");
        List<Path> files;
        try (Stream<Path> s = Files.walk(ROOT)) {
            files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().collect(Collectors.toList());
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                continue;
            }
            List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
            int proto = header.indexOf("_ws.col.Protocol");
            int info = header.indexOf("_ws.col.Info");
            if (proto < 0 || info < 0) {
                continue;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f.length != header.size()) {
                    continue;
                }
                String p = f[proto];
                String text = f[info];
                if (text.contains("[Malformed Packet]")) {
                    continue; // tshark stopped dissecting; Info is incomplete
                }
                List<String> expect = new ArrayList<>();
                if (p.equals("SMB2")) {
                    for (int cmd : values(f, header.indexOf("smb2.cmd"))) {
                        expect.add(Smb2Commands.displayName(cmd) + " ");
                    }
                    errors(f, header.indexOf("smb2.nt_status"), expect);
                } else if (p.equals("SMB")) {
                    int[] cmds = values(f, header.indexOf("smb.cmd"));
                    if (cmds.length > 0) {
                        expect.add(Smb1Commands.displayName(cmds[0]) + " ");
                    }
                    if (cmds.length > 0 && cmds[0] == Smb1Commands.TRANSACTION2) {
                        for (int sub : values(f, header.indexOf("smb.trans2.cmd"))) {
                            if (sub == 0xFFFF) {
                                continue; // response whose request tshark did not see: "Trans2 Response<unknown>"
                            }
                            expect.add(", " + Trans2Subcommands.displayName(sub));
                        }
                    }
                    errors(f, header.indexOf("smb.nt_status"), expect);
                }
                for (String e : expect) {
                    checked++;
                    if (!text.contains(e)) {
                        failures.add(file.getFileName() + ": [" + e + "] not in [" + text + "]");
                    }
                }
            }
        }
        assertTrue(checked > 1000, "too few rows checked: " + checked);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
    }

    private static void errors(String[] f, int col, List<String> expect) {
        for (int status : values(f, col)) {
            if (status != 0) {
                expect.add("Error: " + NtStatus.format(status));
            }
        }
    }

    private static int[] values(String[] f, int col) {
        if (col < 0 || f[col].isEmpty()) {
            return new int[0];
        }
        return Arrays.stream(f[col].split("[,|]"))
                .mapToInt(v -> (int) Long.decode(v.trim()).longValue())
                .toArray();
    }
}
