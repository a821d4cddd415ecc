package io.smbwatch.detect.builtin;

import io.smbwatch.config.Limit;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Capped;
import io.smbwatch.app.BoundedMap;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.Smb1Command;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.DetectorConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EternalBlue family (MS17-010, CVE-2017-0143..0148) from parsed SMB1 fields:
 * <ul>
 *   <li>a Trans2 SESSION_SETUP request (subcommand 0x000e, reserved in MS-CIFS §2.2.6.14 and never
 *   sent by Windows or Samba clients): EternalBlue uses it, and DoublePulsar uses it to talk to its
 *   implant; an answer with MID 0x51 (the ping is sent with 0x41) and STATUS_NOT_IMPLEMENTED is
 *   the implant replying;</li>
 *   <li>a Trans2 Secondary request that continues an NT Trans (the two do not mix: the server
 *   bug EternalBlue uses);</li>
 *   <li>STATUS_INSUFF_SERVER_RESOURCES answering a Transaction (the peek on FID 0 that
 *   scanners use to tell an unpatched server).</li>
 * </ul>
 * One detection per signal and connection.
 */
public final class Ms17010 implements MessageListener, Capped {
    public static final String ID = "ms17-010";
    /** An infected server answers DoublePulsar's ping (MID 0x41) with MID 0x51. */
    static final long DOUBLEPULSAR_MID = 0x51;

    private final DetectionSink sink;
    /** Open NT Trans MIDs per flow, to tell a Trans2 Secondary that continues one. */
    private final BoundedMap<Long, Set<Long>> ntTransMids;
    private final BoundedMap<String, Boolean> reported;

    public Ms17010(DetectorConfig c, DetectionSink sink) {
        this.sink = sink;
        this.ntTransMids = new BoundedMap<>(c.limits().getInt(Limit.DETECT_STATE));
        this.reported = new BoundedMap<>(c.limits().getInt(Limit.DETECT_STATE));
    }

    @Override
    public void onMessage(SmbMessage m) {
        if (!m.protocol.equals(SmbMessage.SMB)) return;
        Smb1Command cmd = Smb1Command.of(m.command);
        if (!m.response && cmd == Smb1Command.NT_TRANSACT) {
            ntTransMids.computeIfAbsent(m.flow.id, k -> new HashSet<>()).add(m.messageId);
        }
        Long sub = m.fields.getLong("smb.trans2.cmd");
        if (cmd == Smb1Command.TRANSACTION2 && sub != null && sub == 0x000e) {
            if (!m.response) {
                fire(m, "trans2-session-setup", "MS17-010 EternalBlue/DoublePulsar: Trans2 SESSION_SETUP",
                        "Trans2 request with subcommand SESSION_SETUP (smb.trans2.cmd == 0x000e) in frame " + m.frame
                                + ": a reserved subcommand no client sends; EternalBlue and DoublePulsar use it");
            } else if (m.status == 0xc0000002L && m.messageId == DOUBLEPULSAR_MID) {
                fire(m, "doublepulsar-reply", "DoublePulsar implant answered",
                        "Trans2 SESSION_SETUP response with STATUS_NOT_IMPLEMENTED and MID " + m.messageId
                                + " in frame " + m.frame + ": the answer of a DoublePulsar implant");
            }
        }
        if (!m.response && cmd == Smb1Command.TRANSACTION2_SECONDARY) {
            Set<Long> open = ntTransMids.get(m.flow.id);
            if (open != null && open.contains(m.messageId)) {
                fire(m, "trans2-secondary-after-nt-trans", "MS17-010 EternalBlue: Trans2 Secondary continues an NT Trans",
                        "Trans2 Secondary request (smb.cmd == 0x33) in frame " + m.frame + " with MID " + m.messageId
                                + " of an open NT Trans request (smb.cmd == 0xa0): the mixed transaction EternalBlue sends");
            }
        }
        if (m.response && cmd == Smb1Command.TRANSACTION && m.status == 0xc0000205L) {
            fire(m, "insuff-server-resources", "MS17-010 probe: server unpatched",
                    "Transaction response with STATUS_INSUFF_SERVER_RESOURCES (smb.nt_status == 0xc0000205) in frame "
                            + m.frame + ": the answer of an unpatched server to the MS17-010 check (peek on FID 0)");
        }
    }

    private void fire(SmbMessage m, String signal, String name, String explain) {
        if (reported.put(m.flow.id + "/" + signal, Boolean.TRUE) != null) return;
        sink.onDetection(Evidence.of(ID, name, 1, m, List.of(m.frame), explain, Map.of("signal", signal)));
    }

    @Override
    public void countCaps(Anomalies into) {
        into.add(AnomalyKind.DETECT_MS17010_CAP, ntTransMids.evicted() + reported.evicted());
    }
}
