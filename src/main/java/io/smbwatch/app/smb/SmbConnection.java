package io.smbwatch.app.smb;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.dcerpc.DcerpcPipes;
import io.smbwatch.app.smb1.Smb1Handler;
import io.smbwatch.app.smb1.Smb1State;
import io.smbwatch.app.smb2.Smb2Handler;
import io.smbwatch.app.smb2.Smb2Shared;
import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import io.smbwatch.flow.Flow;
import io.smbwatch.proto.nbss.NbssListener;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb.Smb2Commands;
import io.smbwatch.proto.nbss.NbssFramer;
import io.smbwatch.proto.smb1.Smb1Header;
import io.smbwatch.proto.smb2.Smb2Header;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.SmbCounters;

/**
 * Per-connection SMB state: turns NetBIOS session messages of both directions into
 * {@link SmbMessage}s (following AndX chains and SMB2 compounds) and hands them on.
 */
public final class SmbConnection {
    private final Flow flow;
    private final MessageListener listener;
    private final Anomalies anomalies;
    private final SmbCounters counters;
    private final Smb1Header h1 = new Smb1Header();
    private final Smb2Header h2 = new Smb2Header();
    private final Smb1Handler smb1;
    private final Smb2Handler smb2;
    private final DcerpcPipes pipes;
    private final Direction[] dirs = {new Direction(Flow.TO_SERVER), new Direction(Flow.TO_CLIENT)};
    /** The NBSS payload being dissected: every message cut from it points at it while it is handed on. */
    private byte[] payload;
    private int payloadOff, payloadLen;
    /** First frame of the session message being dissected (0 when it is the completing frame). */
    private long firstFrame;
    private long tsSeconds;
    private int tsNanos;
    private int frameLen;

    public SmbConnection(Flow flow, MessageListener listener, Anomalies anomalies, SmbCounters counters,
                         Smb2Shared smb2Shared) {
        this(flow, listener, anomalies, counters, smb2Shared, Limits.defaults());
    }

    /** @param limits the caps of this connection's SMB1, SMB2 and pipe state (limits.smb1.*, smb2.pending, dcerpc.pipes) */
    public SmbConnection(Flow flow, MessageListener listener, Anomalies anomalies, SmbCounters counters,
                         Smb2Shared smb2Shared, Limits limits) {
        this.flow = flow;
        this.listener = listener;
        this.anomalies = anomalies;
        this.counters = counters;
        this.smb1 = new Smb1Handler(anomalies, new Smb1State(limits.getInt(Limit.SMB1_SESSIONS), limits.getInt(Limit.SMB1_TREES),
                limits.getInt(Limit.SMB1_FILES), limits.getInt(Limit.SMB1_PENDING)));
        this.pipes = new DcerpcPipes(anomalies, limits);
        // flow is null only in unit tests that dissect messages without a connection
        this.smb2 = new Smb2Handler(anomalies, smb2Shared, flow == null ? 0 : flow.serverHi, flow == null ? 0 : flow.serverLo,
                limits.getInt(Limit.SMB2_PENDING));
    }

    /**
     * Whether the SMB message whose head is {@code b[off, off+len)} reads or writes file data (an
     * SMB2 read response or write request on a disk share): what may be stepped over when nobody
     * reads file data (the pipeline decides, Settings#fileData).
     */
    public boolean fileTransfer(byte[] b, int off, int len) {
        return smb2.fileTransfer(b, off, len);
    }

    /** The NBSS listener of one direction. */
    public NbssListener direction(int dir) {
        return dirs[dir];
    }

    /** Time of the packet being processed; messages completed by it carry this time. */
    public void setTime(long seconds, int nanos) {
        tsSeconds = seconds;
        tsNanos = nanos;
    }

    /** Time and wire length of the packet being processed. */
    public void setFrame(long seconds, int nanos, int len) {
        setTime(seconds, nanos);
        frameLen = len;
    }

    private final class Direction implements NbssListener {
        final int dir;

        Direction(int dir) {
            this.dir = dir;
        }

        @Override
        public void onSessionMessage(byte[] b, int off, int len, boolean truncated, long firstFrame, long frame) {
            SmbConnection.this.firstFrame = firstFrame;
            dissect(dir, b, off, len, truncated, frame);
            SmbConnection.this.firstFrame = 0;
            if (truncated) pipes.onGap(dir);     // a pipe write in the lost part is a hole in its stream
        }

        @Override
        public void onControl(int type, byte[] b, int off, int len, long frame) {
            SmbMessage m = newMessage(dir, frame, SmbMessage.NBSS);
            m.command = type;
            m.commandName = NbssFramer.typeName(type);
            m.response = type != 0x81 && type != 0x85;
            m.info = m.commandName;
            counters.nbssControl++;
            emit(m);
        }

        @Override
        public void onMessageLost(long frame) {
            counters.lostMessages++;
            pipes.onGap(dir);
            anomalies.report(AnomalyKind.NBSS_MESSAGE_LOST_IN_GAP, at(dir, frame), flow.toString());
        }

        @Override
        public void onDesync(String why, long frame) {
            counters.desyncs++;
            pipes.onGap(dir);
            anomalies.report(AnomalyKind.NBSS_DESYNC, at(dir, frame), why + ", " + flow);
        }

        @Override
        public void onResync(long skipped, long frame) {
            counters.resyncs++;
            counters.skippedBytes += skipped;
        }
    }

    /** Dissects one SMB payload of a NetBIOS session message (or datagram). */
    public void dissect(int dir, byte[] b, int off, int len, boolean truncated, long frame) {
        payload = b;
        payloadOff = off;
        payloadLen = len;
        if (len >= 4 && b[off + 1] == 'S' && b[off + 2] == 'M' && b[off + 3] == 'B') {
            switch (b[off] & 0xff) {
                case 0xff: dissectSmb1(dir, b, off, len, truncated, frame); return;
                case 0xfe: dissectSmb2(dir, b, off, len, truncated, frame); return;
                case 0xfd: dissectTransform(dir, b, off, len, frame, SmbMessage.SMB3_ENC); return;
                case 0xfc: dissectTransform(dir, b, off, len, frame, SmbMessage.SMB3_COMP); return;
                default: break;
            }
        }
        counters.notSmb++;
        anomalies.report(AnomalyKind.SMB_NOT_SMB, at(dir, frame), len + " bytes without SMB magic, " + flow);
    }

    private void dissectSmb1(int dir, byte[] b, int off, int len, boolean truncated, long frame) {
        if (!h1.parse(b, off, len)) {
            counters.malformed++;
            anomalies.report(AnomalyKind.SMB1_SHORT_HEADER, at(dir, frame), len + " bytes");
            return;
        }
        int cmd = h1.command;
        int block = off + Smb1Header.SIZE;   // WordCount of the current block
        for (int index = 0; ; index++) {
            SmbMessage m = newMessage(dir, frame, SmbMessage.SMB);
            m.command = cmd;
            m.commandName = Smb1Commands.displayName(cmd);
            m.response = h1.isResponse();
            if (m.response) m.status = h1.status & 0xffffffffL;
            m.messageId = h1.mid;
            m.sessionId = h1.uid;
            m.treeId = h1.tid;
            m.chainIndex = index;
            m.truncated = truncated;
            int next = -1;
            int nextCmd = 0xff;
            if (block >= off + len) {
                m.malformed = "command block outside the message";
            } else {
                int wc = b[block] & 0xff;
                if (block + 1 + 2 * wc + 2 > off + len) {
                    if (!(m.response && m.status != 0 && wc == 0)) m.malformed = "WordCount runs past the message";
                } else if (Smb1Commands.isAndX(cmd) && wc >= 2) {
                    nextCmd = b[block + 1] & 0xff;
                    next = off + Smb1Header.le16(b, block + 3);
                }
            }
            m.headerOff = off;
            m.bodyOff = block;
            m.bodyEnd = off + len;
            smb1.onCommand(m, h1, b, off, len, block);
            counters.smb1++;
            if (m.malformed != null) {
                counters.malformed++;
                anomalies.report(AnomalyKind.SMB_MALFORMED_DATA, at(dir, frame), m.malformed + " (" + m.commandName + ")");
            }
            emit(m);
            if (nextCmd == 0xff || m.malformed != null) return;
            if (next <= block || next >= off + len) {
                counters.malformed++;
                anomalies.report(AnomalyKind.SMB1_BAD_ANDX_OFFSET, at(dir, frame), "AndXOffset " + (next - off) + " after block at " + (block - off));
                return;
            }
            if (index + 1 >= io.smbwatch.config.Limit.SMB1_ANDX_CHAIN.defaultInt()) {
                counters.malformed++;
                anomalies.report(AnomalyKind.SMB1_ANDX_CHAIN_TOO_LONG, at(dir, frame), io.smbwatch.config.Limit.SMB1_ANDX_CHAIN.defaultInt() + " commands");
                return;
            }
            cmd = nextCmd;
            block = next;
        }
    }

    private void dissectSmb2(int dir, byte[] b, int off, int len, boolean truncated, long frame) {
        int pos = off;
        int end = off + len;
        for (int index = 0; ; index++) {
            if (!h2.parse(b, pos, end - pos)) {
                counters.malformed++;
                anomalies.report(AnomalyKind.SMB2_BAD_HEADER, at(dir, frame), "at offset " + (pos - off) + " of " + len);
                return;
            }
            SmbMessage m = newMessage(dir, frame, SmbMessage.SMB2);
            m.command = h2.command;
            m.commandName = Smb2Commands.displayName(h2.command);
            m.response = h2.isResponse();
            if (m.response) m.status = h2.status & 0xffffffffL;
            m.messageId = h2.messageId;
            m.sessionId = h2.sessionId;
            m.treeId = h2.treeId & 0xffffffffL;
            m.chainIndex = index;
            m.truncated = truncated;
            int nextCommand = h2.nextCommand;
            int msgLen = nextCommand == 0 ? end - pos : Math.min(nextCommand, end - pos);
            m.headerOff = pos;
            m.bodyOff = pos + Smb2Header.SIZE;
            m.bodyEnd = pos + msgLen;
            smb2.onMessage(m, h2, b, pos, msgLen);
            counters.smb2++;
            emit(m);
            if (nextCommand == 0) return;
            if (nextCommand < Smb2Header.SIZE || nextCommand >= end - pos) {
                counters.malformed++;
                anomalies.report(AnomalyKind.SMB2_BAD_NEXT_COMMAND, at(dir, frame), "NextCommand " + (nextCommand & 0xffffffffL));
                return;
            }
            if (index + 1 >= io.smbwatch.config.Limit.SMB2_COMPOUND.defaultInt()) {
                counters.malformed++;
                anomalies.report(AnomalyKind.SMB2_COMPOUND_TOO_LONG, at(dir, frame), io.smbwatch.config.Limit.SMB2_COMPOUND.defaultInt() + " messages");
                return;
            }
            pos += nextCommand;
        }
    }

    private void dissectTransform(int dir, byte[] b, int off, int len, long frame, String protocol) {
        SmbMessage m = newMessage(dir, frame, protocol);
        m.command = b[off] & 0xff;
        boolean enc = protocol.equals(SmbMessage.SMB3_ENC);
        if (enc && len >= 52) {
            m.sessionId = Smb2Header.le64(b, off + 44);
            m.fields.add("smb2.sesid", m.sessionId);
            m.info = String.format("Encrypted SMB3, session 0x%016x", m.sessionId);
        } else {
            m.info = enc ? "Encrypted SMB3 (short transform header)" : "Compressed SMB3";
        }
        m.commandName = enc ? "Transform" : "Compression Transform";
        m.response = dir == Flow.TO_CLIENT;
        if (enc) counters.encrypted++;
        else counters.compressed++;
        emit(m);
    }

    /**
     * Hands a message on, then the DCERPC messages its pipe data completed (tshark's order); its
     * payload and pipe views are cut afterwards so that kept messages pin no buffer.
     */
    private void emit(SmbMessage m) {
        if (m.pipeData != null) m.dcerpc = pipes.onMessage(m);
        listener.onMessage(m);
        m.payload = null;
        m.pipeData = null;
        for (SmbMessage r : m.dcerpc) {
            counters.dcerpc++;
            listener.onMessage(r);
            r.stub = null;
        }
    }

    /** Where an anomaly of this connection's packet in direction {@code dir} is. */
    private Anomalies.Where at(int dir, long frame) {
        return new Anomalies.Where(flow, dir, frame, tsSeconds, tsNanos);
    }

    private SmbMessage newMessage(int dir, long frame, String protocol) {
        SmbMessage m = new SmbMessage();
        m.flow = flow;
        m.direction = dir;
        m.frame = frame;
        m.firstFrame = firstFrame > 0 ? firstFrame : frame;
        m.tsSeconds = tsSeconds;
        m.tsNanos = tsNanos;
        m.frameLen = frameLen;
        m.protocol = protocol;
        m.payload = payload;
        m.payloadOff = payloadOff;
        m.payloadLen = payloadLen;
        return m;
    }
}
