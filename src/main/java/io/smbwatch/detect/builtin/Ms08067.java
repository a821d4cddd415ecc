package io.smbwatch.detect.builtin;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.DetectorConfig;
import java.util.List;
import java.util.Map;

/**
 * MS08-067 (CVE-2008-4250, Conficker): SRVSVC NetprPathCanonicalize (opnum 31) or NetprPathCompare
 * (opnum 32) with a path that climbs above its root ("\..\" past the first component) or is longer
 * than any Windows path (more than 260 characters), as the exploit sends it. A path that stays
 * inside its root, like a client's ordinary canonicalization, stays silent.
 */
public final class Ms08067 implements MessageListener {
    public static final String ID = "ms08-067";
    /** Paths longer than MAX_PATH (MS-SRVS §3.1.4.30 canonicalizes paths of at most that). */
    public static final int MAX_PATH = 260;

    private final DetectionSink sink;

    public Ms08067(DetectorConfig c, DetectionSink sink) {
        this.sink = sink;
    }

    @Override
    public void onMessage(SmbMessage m) {
        if (m.response || !m.fields.has("dcerpc.pkt_type")) return;
        String iface = m.fields.getString("dcerpc.interface_name");
        Long opnum = m.fields.getLong("dcerpc.opnum");
        if (!"SRVSVC".equals(iface) || opnum == null || (opnum != 31 && opnum != 32)) return;
        String field = opnum == 31 ? "srvsvc.srvsvc_NetPathCanonicalize.path" : "srvsvc.srvsvc_NetPathCompare.path1";
        for (String f : new String[] {field, "srvsvc.srvsvc_NetPathCompare.path2"}) {
            String path = m.fields.getString(f);
            if (path == null) continue;
            String why = judge(path);
            if (why == null) continue;
            String op = opnum == 31 ? "NetprPathCanonicalize" : "NetprPathCompare";
            sink.onDetection(Evidence.of(ID, "MS08-067 exploit attempt (SRVSVC " + op + ")", 1, m, List.of(m.frame),
                    "SRVSVC " + op + " request (srvsvc.opnum == " + opnum + ") in frame " + m.frame + ": " + f
                            + " " + why, Map.of("path", path.length() > 200 ? path.substring(0, 200) + "..." : path)));
            return;
        }
    }

    /** Why a path is an attack, or null. */
    static String judge(String path) {
        if (path.length() > MAX_PATH) return "is " + path.length() + " characters long (more than MAX_PATH " + MAX_PATH + ")";
        int depth = 0;
        for (String part : path.replace('/', '\\').split("\\\\")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (--depth < 0) return "\"" + path + "\" climbs above its root with \"..\"";
            } else {
                depth++;
            }
        }
        return null;
    }
}
