package io.smbwatch.app.smb1;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.app.smb1.Smb1State.OpenFile;
import io.smbwatch.app.smb1.Smb1State.Pending;
import io.smbwatch.app.smb1.Smb1State.Session;
import io.smbwatch.app.smb1.Smb1State.Tree;
import io.smbwatch.proto.smb.DosError;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb1.Smb1Header;
import io.smbwatch.proto.smb1.Smb1Parser;
import io.smbwatch.proto.smb1.Smb1Records.Block;
import io.smbwatch.stats.Anomalies;

/**
 * SMB1 per-connection state and per-command dissection: fills each message's fields (Wireshark
 * names), context (tree, file, user) and Info text (as tshark's Info column). One instance per
 * connection. Session, tree and file commands are in {@link Smb1CommandHandler}, transactions in
 * {@link Smb1TransHandler}; this class pairs responses with requests and adds what every message
 * carries.
 */
public final class Smb1Handler {
    /**
     * The status kept for a DOS error (Flags2 NT-status bit clear): Samba's NT_STATUS_DOS
     * encoding 0xF1000000 | class << 16 | code, which no real NTSTATUS uses.
     */
    public static long dosStatus(int errorClass, int code) {
        return errorClass == 0 ? 0 : 0xF1000000L | (errorClass & 0xff) << 16 | (code & 0xffff);
    }

    private final Anomalies anomalies;
    private final Smb1State state;
    private final Smb1CommandHandler commands;
    private final Smb1TransHandler trans;
    /** The request of the message being dissected (chain index 0 decides it), or null. */
    private Pending current;

    public Smb1Handler(Anomalies anomalies) {
        this(anomalies, new Smb1State());
    }

    public Smb1Handler(Anomalies anomalies, Smb1State state) {
        this.anomalies = anomalies;
        this.state = state;
        this.commands = new Smb1CommandHandler(this);
        this.trans = new Smb1TransHandler(this);
    }

    public Smb1State state() {
        return state;
    }

    /**
     * Dissects one command block of an SMB1 message.
     *
     * @param m the message, with header fields already set
     * @param h the parsed header of the whole SMB1 message
     * @param b buffer holding the message
     * @param msgOff offset of the SMB1 header (offsets inside the message count from here)
     * @param msgLen length of the whole SMB1 message
     * @param block offset of this command block's WordCount byte
     */
    public void onCommand(SmbMessage m, Smb1Header h, byte[] b, int msgOff, int msgLen, int block) {
        m.fields.add("smb.cmd", (long) m.command);
        if (h.ntStatus()) m.fields.add("smb.nt_status", h.status & 0xffffffffL);
        m.fields.add("smb.mid", (long) h.mid);
        m.fields.add("smb.uid", (long) h.uid);
        m.fields.add("smb.tid", (long) h.tid);
        int errorClass = h.status & 0xff, errorCode = h.status >>> 16;
        if (m.response && !h.ntStatus()) m.status = dosStatus(errorClass, errorCode);
        if (m.chainIndex == 0) pair(m, h);
        Pending p = current;

        StringBuilder sb = new StringBuilder(48).append(m.commandName);
        if (m.chainIndex == 0) sb.append(m.response ? " Response" : " Request");
        Block k = Smb1Parser.block(b, msgOff, msgLen, block);
        context(m, h);
        if (k != null) {
            if (k.bccTooLarge()) problem(m, "ByteCount " + k.bcc() + " larger than the message");
            if (m.response) commands.response(m, h, b, k, p, sb);
            else commands.request(m, h, b, k, p, sb);
        }
        if (m.response && m.status != 0 && last(m.command, b, k)) {
            sb.append(", Error: ");
            sb.append(h.ntStatus() ? NtStatus.format(h.status) : DosError.format(errorClass, errorCode));
        }
        m.info = sb.toString();
    }

    /** Pairs a response with its request by PID/MID; remembers a new request. */
    private void pair(SmbMessage m, Smb1Header h) {
        long key = Smb1State.key(h.pid, h.mid);
        if (!m.response) {
            current = new Pending();
            current.command = m.command;
            if (!noResponse(m.command)) {
                long before = state.pending.evicted();
                state.pending.put(key, current);
                if (state.pending.evicted() != before) {
                    anomalies.report(AnomalyKind.SMB1_PENDING_CAP, m.where(), "more than " + state.pending.cap() + " requests unanswered");
                }
            }
        } else if ((int) m.status == NtStatus.STATUS_PENDING && h.ntStatus()) {
            current = state.pending.get(key);   // interim response: the final one follows
        } else {
            current = state.pending.remove(key);
        }
    }

    /** Requests that get no response of their own (MS-CIFS §3.3.5.1: secondaries, NT Cancel). */
    private static boolean noResponse(int cmd) {
        return cmd == Smb1Commands.TRANSACTION_SECONDARY || cmd == Smb1Commands.TRANSACTION2_SECONDARY
                || cmd == Smb1Commands.NT_TRANSACT_SECONDARY || cmd == Smb1Commands.NT_CANCEL;
    }

    /** True when no further command follows this block in its AndX chain. */
    private static boolean last(int cmd, byte[] b, Block k) {
        if (k == null || !Smb1Commands.isAndX(cmd) || k.wc() < 2) return true;
        return (b[k.words()] & 0xff) == Smb1Commands.NO_ANDX_COMMAND;
    }

    /** The tree and session the message belongs to. */
    private void context(SmbMessage m, Smb1Header h) {
        Tree t = state.trees.get(h.tid);
        if (t != null && !(m.command == Smb1Commands.TREE_CONNECT_ANDX)) {
            m.tree = t.path;
            m.fields.add("smb.path", t.path);
        }
        Session s = state.sessions.get(h.uid);
        if (s != null) {
            m.user = s.user;
            m.domain = s.domain;
            m.host = s.host;
        }
    }

    // ---- helpers shared by the command classes ----

    /** Adds the FID to the message: field, context, and the file it names when known. */
    OpenFile fid(SmbMessage m, int fid) {
        m.fields.add("smb.fid", (long) fid);
        m.fid = hex4(fid);
        OpenFile f = state.files.get(fid);
        if (f != null) {
            m.file = f.name;
            if (f.name != null) m.fields.add("smb.file", f.name);
            if (m.tree == null) m.tree = f.tree;
        }
        return f;
    }

    /** Marks b[off, off+len) (already checked against the message) as named-pipe data. */
    static void pipeData(SmbMessage m, byte[] b, int off, long len) {
        if (len <= 0 || off < 0 || off + len > b.length) return;
        m.pipeData = b;
        m.pipeOff = off;
        m.pipeLen = (int) len;
    }

    static String hex4(int v) {
        char[] c = {'0', 'x', 0, 0, 0, 0};
        for (int i = 0; i < 4; i++) c[5 - i] = Character.forDigit((v >>> (4 * i)) & 0xf, 16);
        return new String(c);
    }

    static StringBuilder bytes(StringBuilder sb, long n) {
        return sb.append(n).append(n == 1 ? " byte" : " bytes");
    }

    /** Reports a field that pointed outside the message or held bad bytes. */
    void problem(SmbMessage m, String what) {
        if (what == null) return;
        AnomalyKind kind;
        if (what.contains("UTF-16")) kind = AnomalyKind.SMB1_BAD_UNICODE;
        else if (what.contains("outside") || what.contains("past") || what.contains("larger")) kind = AnomalyKind.SMB1_BAD_LENGTH;
        else kind = AnomalyKind.SMB1_BAD_FIELD;
        anomalies.report(kind, m.where(), what + " (" + m.commandName + (m.response ? " response" : " request") + ")");
    }

    /** Reports a command block too short for the fixed part of the command. */
    void shortBlock(SmbMessage m, Block k) {
        if (m.response && m.status != 0 && k.wc() == 0) return;   // error responses carry no words
        anomalies.report(AnomalyKind.SMB1_SHORT_WORDS, m.where(), "WordCount " + k.wc() + " too small for " + m.commandName
                + (m.response ? " response" : " request"));
    }

    void putSession(SmbMessage m, int uid, Session s) {
        long before = state.sessions.evicted();
        state.sessions.put(uid, s);
        if (state.sessions.evicted() != before) anomalies.report(AnomalyKind.SMB1_SESSION_CAP, m.where(), "cap " + state.sessions.cap());
    }

    void putTree(SmbMessage m, int tid, Tree t) {
        long before = state.trees.evicted();
        state.trees.put(tid, t);
        if (state.trees.evicted() != before) anomalies.report(AnomalyKind.SMB1_TREE_CAP, m.where(), "cap " + state.trees.cap());
    }

    void putFile(SmbMessage m, int fid, OpenFile f) {
        long before = state.files.evicted();
        state.files.put(fid, f);
        if (state.files.evicted() != before) anomalies.report(AnomalyKind.SMB1_FILE_CAP, m.where(), "cap " + state.files.cap());
    }

    Smb1TransHandler trans() {
        return trans;
    }
}
