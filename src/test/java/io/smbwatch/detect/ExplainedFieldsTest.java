package io.smbwatch.detect;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.corpus.Run;
import io.smbwatch.corpus.Shared;
import io.smbwatch.filter.DisplayFilter;
import io.smbwatch.filter.FieldInfo;
import io.smbwatch.filter.FieldRegistry;
import io.smbwatch.filter.FieldType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field a built-in detector's explanation names is a display-filter field: on each capture
 * where a detector fires (DetectorsTest.EXPECTED), every field-like name in an explanation
 * ("srvsvc.srvsvc_NetPathCanonicalize.path", "smb.trans2.cmd") is known to {@code -Y}; a bare
 * name matches one of the detection's own frames, a "(field == value)" it quotes matches some
 * frame of the capture. And every decoded DCERPC argument a message of these captures carries is
 * a filter field.
 */
class ExplainedFieldsTest {
    /** A dotted name whose first part is a protocol of the registry. */
    private static final Pattern NAME = Pattern.compile("\\b([a-z][a-z0-9_]*)((?:\\.[A-Za-z0-9_]+)+)");
    private static final Pattern QUOTED = Pattern.compile("\\(([a-z][A-Za-z0-9_.]*) == ([^)\\s]+)\\)");

    static Stream<String> captures() {
        return DetectorsTest.EXPECTED.keySet().stream().sorted();
    }

    private static boolean protocol(String p) {
        FieldInfo f = FieldRegistry.lookup(p);
        return f != null && f.type() == FieldType.PROTOCOL || p.equals("taskschedulerservice");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void explanationsNameFilterFields(String capture) throws Exception {
        Shared.require(capture);
        Path pcap = Shared.pcap(capture);
        List<Detection> got = DetectorSurvey.run(pcap, DetectorConfig.defaults());
        Map<Long, List<SmbMessage>> frames = new TreeMap<>();
        Run run = new Run(pcap);
        TreeSet<String> unknown = new TreeSet<>();
        for (SmbMessage m : run.messages) {
            frames.computeIfAbsent(m.frame, k -> new ArrayList<>()).add(m);
            for (int i = 0; i < m.fields.size(); i++) {
                String name = m.fields.name(i);
                if (dcerpcArgument(name) && FieldRegistry.lookup(name) == null) unknown.add(name);
            }
        }
        assertTrue(unknown.isEmpty(), "DCERPC arguments messages carry that -Y does not know: " + unknown);
        int named = 0;
        for (Detection d : got) {
            Matcher n = NAME.matcher(d.explain());
            while (n.find()) {
                if (!protocol(n.group(1))) continue;
                String field = n.group();
                named++;
                assertNotNull(FieldRegistry.lookup(field), field + " (named by " + d.detector() + ") is not a filter field");
                DisplayFilter f = DisplayFilter.compile(field);
                boolean quoted = d.explain().contains("(" + field + " == ");
                if (!quoted) {
                    assertTrue(d.frames().stream().anyMatch(fr -> frames.containsKey(fr) && f.matches(frames.get(fr))),
                            "-Y " + field + " matches none of the frames " + d.frames() + " of: " + d.explain());
                }
            }
            Matcher q = QUOTED.matcher(d.explain());
            while (q.find()) {
                DisplayFilter f = DisplayFilter.compile(q.group(1) + " == " + q.group(2));
                assertTrue(frames.values().stream().anyMatch(f::matches), "-Y " + f + " matches no frame of " + capture);
            }
        }
        assertTrue(got.isEmpty() || named > 0 || noFieldsNamed(got), capture + ": no field named in " + got);
    }

    /** A decoded DCERPC argument: a field of an interface's own protocol. */
    private static boolean dcerpcArgument(String name) {
        int dot = name.indexOf('.');
        String p = dot < 0 ? name : name.substring(0, dot);
        return dot > 0 && !name.endsWith(".opnum") && (FieldRegistry.isInterface(p) || p.equals("taskschedulerservice"));
    }

    /** Detectors that explain with counts and addresses only (scans, password guessing). */
    private static boolean noFieldsNamed(List<Detection> got) {
        return got.stream().allMatch(d -> d.detector().equals("smb-scan") || d.detector().equals("password-guessing")
                || d.detector().equals("null-session-enum") || d.detector().equals("remote-exec")
                || d.detector().equals("trans-name-overflow"));
    }
}
