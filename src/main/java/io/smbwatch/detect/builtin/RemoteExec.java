package io.smbwatch.detect.builtin;

import io.smbwatch.config.Limit;
import io.smbwatch.config.DetectorSetting;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Capped;
import io.smbwatch.app.BoundedMap;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.Smb1Command;
import io.smbwatch.app.tx.Smb2Command;
import io.smbwatch.app.tx.SmbCommand;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.DetectorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Remote execution, PsExec and Conficker style: an executable written to a share of a host (a
 * Create for writing whose name ends in .exe/.dll/.ps1/.bat/.cmd/.vbs/.scr/.sys, or a Write whose
 * data starts with "MZ"), then, from the same source to the same host within the window, a call
 * that runs something: ATSVC JobAdd, TSCH SchRpcRegisterTask/SchRpcRun, SVCCTL
 * CreateService/StartService. The detection names the file, the share and the call.
 */
public final class RemoteExec implements MessageListener, Capped {
    public static final String ID = "remote-exec";
    /** Default: the call must come within 3600 s of the write. */
    public static final long WINDOW = DetectorSetting.REMOTE_EXEC_WINDOW.defaultValue();

    static final Set<String> EXTENSIONS = Set.of(".exe", ".dll", ".ps1", ".bat", ".cmd", ".vbs", ".scr", ".sys", ".com");
    static final Set<String> EXECUTE = Set.of("JobAdd", "NetrJobAdd", "SchRpcRegisterTask", "SchRpcRun",
            "CreateServiceW", "CreateServiceA", "CreateServiceWOW64W", "CreateServiceWOW64A", "StartServiceW", "StartServiceA",
            "RCreateServiceW", "RStartServiceW");

    private record Drop(String file, String share, long frame, long time, String how) {}

    private final DetectionSink sink;
    private final long window;
    /** Per "source target": executables written there, newest last (bounded). */
    private final BoundedMap<String, List<Drop>> drops;
    private final BoundedMap<String, Boolean> reported;
    /** Executables remembered per source and target (detect.remote-exec-drops); older ones forgotten, counted. */
    private final int perHost;
    private long dropsForgotten;

    public RemoteExec(DetectorConfig c, DetectionSink sink) {
        this.sink = sink;
        int state = c.limits().getInt(Limit.DETECT_STATE);
        this.drops = new BoundedMap<>(state);
        this.reported = new BoundedMap<>(state);
        this.perHost = c.limits().getInt(Limit.DETECT_REMOTE_EXEC_DROPS);
        this.window = c.get(ID, "window", WINDOW);
    }

    @Override
    public void onMessage(SmbMessage m) {
        if (m.response) return;
        String key = m.srcAddress() + " " + m.dstAddress();
        boolean smb2 = m.protocol.equals(SmbMessage.SMB2);
        SmbCommand cmd = smb2 ? Smb2Command.of(m.command) : m.protocol.equals(SmbMessage.SMB) ? Smb1Command.of(m.command) : null;
        if (cmd == Smb2Command.CREATE || cmd == Smb1Command.NT_CREATE_ANDX) {
            String name = m.fields.getString(smb2 ? "smb2.filename" : "smb.file");
            if (name != null && executable(name) && !pipe(m)) drop(key, new Drop(name, m.tree, m.frame, m.tsSeconds, "Create of " + name));
        } else if (cmd == Smb2Command.WRITE || cmd == Smb1Command.WRITE_ANDX) {
            Long offset = m.fields.getLong(smb2 ? "smb2.file_offset" : "smb.offset");
            if (offset != null && offset == 0 && startsWithMz(m) && !pipe(m)) {
                drop(key, new Drop(m.file != null ? m.file : "(unnamed file)", m.tree, m.frame, m.tsSeconds, "Write of an MZ executable header"));
            }
        } else if (m.fields.has("dcerpc.pkt_type")) {
            String op = m.fields.getString("dcerpc.op");
            if (op == null || !EXECUTE.contains(op)) return;
            List<Drop> ds = drops.get(key);
            if (ds == null) return;
            Drop d = null;
            for (Drop x : ds) if (m.tsSeconds - x.time <= window) d = x;
            if (d == null || reported.put(key + " " + d.file, Boolean.TRUE) != null) return;
            String iface = m.fields.getString("dcerpc.interface_name");
            String command = m.fields.getString("atsvc.atsvc_JobInfo.command");
            String explain = d.how + " on " + (d.share != null ? d.share : "a share") + " in frame " + d.frame
                    + ", then " + (iface != null ? iface + " " : "") + op + " request in frame " + m.frame
                    + " from the same source to the same host" + (command != null ? " (command: " + command + ")" : "");
            List<Long> frames = new ArrayList<>(List.of(d.frame, m.frame));
            sink.onDetection(Evidence.of(ID, "Remote execution: " + d.file + " then " + op, 1, m, frames, frames.size(), explain,
                    Map.of("file", d.file, "share", d.share == null ? "" : d.share, "call", op)));
        }
    }

    private void drop(String key, Drop d) {
        List<Drop> l = drops.computeIfAbsent(key, k -> new ArrayList<>());
        if (l.size() >= perHost) {
            l.remove(0);
            dropsForgotten++;
        }
        l.add(d);
    }

    static boolean executable(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(n.substring(dot));
    }

    private static boolean pipe(SmbMessage m) {
        return m.tree != null && m.tree.toUpperCase(Locale.ROOT).endsWith("\\IPC$");
    }

    /** The Write's data (as the SMB handlers cut it) begins with "MZ" (the DOS header of a PE executable). */
    private static boolean startsWithMz(SmbMessage m) {
        byte[] b = m.pipeData;
        return b != null && m.pipeLen >= 2 && b[m.pipeOff] == 'M' && b[m.pipeOff + 1] == 'Z';
    }

    @Override
    public void countCaps(Anomalies into) {
        into.add(AnomalyKind.DETECT_REMOTE_EXEC_CAP, drops.evicted() + reported.evicted() + dropsForgotten);
    }
}
