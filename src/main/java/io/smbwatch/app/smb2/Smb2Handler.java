package io.smbwatch.app.smb2;

import io.smbwatch.config.Limit;
import io.smbwatch.app.BoundedMap;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.auth.AuthFields;
import io.smbwatch.app.smb2.Smb2Shared.FileKey;
import io.smbwatch.app.smb2.Smb2Shared.OpenFile;
import io.smbwatch.app.smb2.Smb2Shared.Session;
import io.smbwatch.app.smb2.Smb2Shared.SessionKey;
import io.smbwatch.app.smb2.Smb2Shared.Tree;
import io.smbwatch.app.smb2.Smb2Shared.TreeKey;
import io.smbwatch.proto.auth.NtlmsspMessage;
import io.smbwatch.proto.smb.Fsctl;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb2InfoLevels;
import io.smbwatch.proto.smb2.Smb2Header;
import io.smbwatch.proto.smb2.Smb2Parser;
import io.smbwatch.proto.smb2.Smb2Records.CreateRequest;
import io.smbwatch.proto.smb2.Smb2Records.CreateResponse;
import io.smbwatch.proto.smb2.Smb2Records.FileRef;
import io.smbwatch.proto.smb2.Smb2Records.InfoRequest;
import io.smbwatch.proto.smb2.Smb2Records.Ioctl;
import io.smbwatch.proto.smb2.Smb2Records.Negotiate;
import io.smbwatch.proto.smb2.Smb2Records.QueryDirectoryRequest;
import io.smbwatch.proto.smb2.Smb2Records.ReadWriteRequest;
import io.smbwatch.proto.smb2.Smb2Records.SessionSetup;
import io.smbwatch.proto.smb2.Smb2Records.TreeConnectRequest;
import io.smbwatch.proto.smb2.Smb2Records.TreeConnectResponse;
import io.smbwatch.stats.Anomalies;
import java.util.List;

/**
 * SMB2/3 per-connection state and per-command dissection (MS-SMB2 §3.2/§3.3 state, §2.2
 * messages). Fills each message's Wireshark-named fields and tshark-style Info text, and keeps
 * sessions, trees, open files and pending requests, each map capped by {@link BoundedMap}.
 */
public final class Smb2Handler {
    public static final int NEGOTIATE = 0, SESSION_SETUP = 1, LOGOFF = 2, TREE_CONNECT = 3, TREE_DISCONNECT = 4,
            CREATE = 5, CLOSE = 6, FLUSH = 7, READ = 8, WRITE = 9, LOCK = 10, IOCTL = 11, CANCEL = 12, ECHO = 13,
            QUERY_DIRECTORY = 14, CHANGE_NOTIFY = 15, QUERY_INFO = 16, SET_INFO = 17, OPLOCK_BREAK = 18;

    /** What a response needs from its request. */
    record Pending(int command, String name, int infoClass, String fid) {
        Pending(int command, String name, int infoClass) {
            this(command, name, infoClass, null);
        }
    }

    private final Anomalies anomalies;
    private final Smb2Shared shared;
    private final long serverHi, serverLo;
    private final BoundedMap<Long, Pending> pending;
    /** Name given by a Create earlier in the same compound: related operations act on it (MS-SMB2 §3.3.5.2.7.2). */
    private String compoundCreate;
    private int dialect;

    public Smb2Handler(Anomalies anomalies, Smb2Shared shared, long serverHi, long serverLo) {
        this(anomalies, shared, serverHi, serverLo, Limit.SMB2_PENDING.defaultInt());
    }

    /** @param maxPending requests waiting for their response (limits.smb2.pending) */
    public Smb2Handler(Anomalies anomalies, Smb2Shared shared, long serverHi, long serverLo, int maxPending) {
        this.pending = new BoundedMap<>(maxPending);
        this.anomalies = anomalies;
        this.shared = shared;
        this.serverHi = serverHi;
        this.serverLo = serverLo;
    }

    private SessionKey sessionKey(long sessionId) {
        return new SessionKey(serverHi, serverLo, sessionId);
    }

    /**
     * Whether the SMB2 header at b[off] (at least 64 bytes) opens a lone READ response or WRITE
     * request on a tree known to be a disk share: its data is a file's, never a pipe's DCERPC.
     */
    public boolean fileTransfer(byte[] b, int off, int len) {
        Smb2Header h = peek;
        if (!h.parse(b, off, len)) return false;
        // an async reply or a compound is not worth the trouble
        if ((h.flags & Smb2Header.FLAG_ASYNC) != 0 || h.nextCommand != 0) return false;
        if (!(h.command == WRITE && !h.isResponse() || h.command == READ && h.isResponse())) return false;
        Tree t = shared.trees.get(treeKey(h.sessionId, h.treeId));
        return t != null && t.shareType() == 1 && !t.path().toUpperCase(java.util.Locale.ROOT).endsWith("\\IPC$");
    }

    private final Smb2Header peek = new Smb2Header();

    private TreeKey treeKey(long sessionId, int treeId) {
        return new TreeKey(serverHi, serverLo, sessionId, treeId);
    }

    private FileKey fileKey(FileRef ref) {
        return new FileKey(serverHi, serverLo, ref.fileIdPersistent(), ref.fileIdVolatile());
    }

    /**
     * Dissects one SMB2 message of a (possibly compound) NBSS payload.
     *
     * @param m the message, with header fields already set
     * @param h its parsed header
     * @param b buffer
     * @param off offset of this message's SMB2 header (body offsets count from here)
     * @param len bytes of this message (up to NextCommand, or to the end of the payload)
     */
    public void onMessage(SmbMessage m, Smb2Header h, byte[] b, int off, int len) {
        long pend = pending.evicted(), sess = shared.sessions.evicted(), trees = shared.trees.evicted(), files = shared.files.evicted();
        dissect(m, h, b, off, len);
        capHits(m, AnomalyKind.SMB2_PENDING_CAP, pending, pend);
        capHits(m, AnomalyKind.SMB2_SESSION_CAP, shared.sessions, sess);
        capHits(m, AnomalyKind.SMB2_TREE_CAP, shared.trees, trees);
        capHits(m, AnomalyKind.SMB2_FILE_CAP, shared.files, files);
    }

    /** Reports each entry a cap evicted while this message was dissected. */
    private void capHits(SmbMessage m, AnomalyKind kind, BoundedMap<?, ?> map, long before) {
        for (long n = map.evicted() - before; n > 0; n--) anomalies.report(kind, m.where(), "cap " + map.cap());
    }

    private void dissect(SmbMessage m, Smb2Header h, byte[] b, int off, int len) {
        m.fields.add("smb2.cmd", (long) m.command);
        if (m.response) m.fields.add("smb2.nt_status", m.status);
        m.fields.add("smb2.msg_id", h.messageId);
        m.fields.add("smb2.sesid", h.sessionId);
        boolean async = (h.flags & Smb2Header.FLAG_ASYNC) != 0;
        if (!async) m.fields.add("smb2.tid", h.treeId & 0xffffffffL);
        else m.fields.add("smb2.aid", h.asyncId);

        if (m.chainIndex == 0) compoundCreate = null;
        Session s = shared.sessions.get(sessionKey(h.sessionId));
        if (s != null) {
            m.user = s.user;
            m.domain = s.domain;
            m.host = s.host;
        }
        TreeKey treeKey = treeKey(h.sessionId, h.treeId);
        Tree tree = async ? null : shared.trees.get(treeKey);
        if (tree != null) m.tree = tree.path();

        StringBuilder info = new StringBuilder(m.commandName).append(m.response ? " Response" : " Request");
        boolean error = m.response && isErrorBody(m.command, (int) m.status);
        if (!error) {
            if (m.response) onResponse(m, h, b, off, len, info);
            else onRequest(m, h, b, off, len, info, treeKey, tree);
        } else {
            Pending p = pending.remove(h.messageId);
            if (m.command == TREE_CONNECT && p != null && p.name != null) m.fields.add("smb2.tree", p.name);
            if (m.status != NtStatus.STATUS_PENDING) pending.remove(h.messageId);
            else if (p != null) pending.put(h.messageId, p);   // the final response follows
        }
        if (m.tree != null && !m.fields.has("smb2.tree")) m.fields.add("smb2.tree", m.tree);
        if (m.response && m.status != 0) {
            if (m.command == SESSION_SETUP && info.indexOf(", NTLMSSP") >= 0) {
                int at = info.indexOf(", NTLMSSP");      // tshark puts the error before the NTLMSSP word
                info.insert(at, ", Error: " + NtStatus.format((int) m.status));
            } else {
                info.append(", Error: ").append(NtStatus.format((int) m.status));
            }
        }
        m.info = info.toString();
    }

    /**
     * Error responses carry the ERROR body (§2.2.2), except the statuses whose command body
     * follows: more processing (session setup) and buffer overflow (read, ioctl, query info).
     */
    private static boolean isErrorBody(int command, int status) {
        if (status == 0) return false;
        if (status == NtStatus.STATUS_MORE_PROCESSING_REQUIRED && command == SESSION_SETUP) return false;
        if (status == NtStatus.STATUS_BUFFER_OVERFLOW) return false;
        return NtStatus.isError(status) || status == NtStatus.STATUS_PENDING;
    }

    private void onRequest(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info,
                           TreeKey treeKey, Tree tree) {
        switch (m.command) {
            case NEGOTIATE: onNegotiateRequest(m, h, b, off, len, info); return;
            case SESSION_SETUP: onSessionSetupRequest(m, h, b, off, len, info); return;
            case TREE_CONNECT: onTreeConnectRequest(m, h, b, off, len, info); return;
            case CREATE: onCreateRequest(m, h, b, off, len, info); return;
            case CLOSE: case FLUSH: case LOCK: case OPLOCK_BREAK:
                fileInfo(m, h, Smb2Parser.parseFileRef(b, off, len, 8), info);
                pending.put(h.messageId, new Pending(m.command, null, 0));
                return;
            case READ: case WRITE: onReadWriteRequest(m, h, b, off, len, info); return;
            case IOCTL: onIoctlRequest(m, h, b, off, len, info); return;
            case QUERY_DIRECTORY: onQueryDirectoryRequest(m, h, b, off, len, info); return;
            case QUERY_INFO: case SET_INFO: onInfoRequest(m, h, b, off, len, info); return;
            case CHANGE_NOTIFY:
                setFile(m, Smb2Parser.parseFileRef(b, off, len, 8));
                pending.put(h.messageId, new Pending(CHANGE_NOTIFY, m.file, 0));
                return;
            default:
                pending.put(h.messageId, new Pending(m.command, null, 0));
        }
    }

    private void onNegotiateRequest(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info) {
        Negotiate n = Smb2Parser.parseNegotiateRequest(b, off, len);
        if (n == null) { malformed(m, "NEGOTIATE request shorter than its fixed part"); return; }
        for (int d : n.dialects()) m.fields.add("smb2.dialect", (long) d);
        m.fields.add("smb2.client_guid", n.guid());
    }

    private void onSessionSetupRequest(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info) {
        SessionSetup ss = Smb2Parser.parseSessionSetupRequest(b, off, len);
        if (ss == null) { malformed(m, "SESSION_SETUP request shorter than its fixed part"); return; }
        NtlmsspMessage nt = AuthFields.fromBlob(m, b, off, len, ss.blobOffset(), ss.blobLength(), info);
        if (nt != null && nt.type() == NtlmsspMessage.AUTHENTICATE) {
            Session s = shared.sessions.computeIfAbsent(sessionKey(h.sessionId), k -> new Session());
            s.user = nt.user();
            s.domain = nt.domain();
            s.host = nt.workstation();
            s.anonymous = nt.anonymous();
            m.user = s.user;
            m.domain = s.domain;
            m.host = s.host;
        }
    }

    private void onTreeConnectRequest(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info) {
        TreeConnectRequest t = Smb2Parser.parseTreeConnectRequest(b, off, len);
        if (t == null || t.path() == null) { malformed(m, "TREE_CONNECT path outside the message"); return; }
        m.fields.add("smb2.tree", t.path());
        m.tree = t.path();
        info.append(" Tree: ").append(t.path());
        pending.put(h.messageId, new Pending(TREE_CONNECT, t.path(), 0));
    }

    private void onCreateRequest(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info) {
        CreateRequest c = Smb2Parser.parseCreateRequest(b, off, len);
        if (c == null || c.name() == null) { malformed(m, "CREATE name outside the message"); return; }
        m.fields.add("smb2.filename", c.name());
        m.fields.add("smb2.create.disposition", (long) c.disposition());
        m.fields.add("smb2.create_options", (long) c.options() & 0xffffffffL);
        m.fields.add("smb2.access_mask", (long) c.desiredAccess() & 0xffffffffL);
        for (String ctx : c.contexts()) m.fields.add("smb2.create.context", ctx);
        m.file = c.name();
        compoundCreate = c.name();
        info.append(" File: ").append(c.name());
        pending.put(h.messageId, new Pending(CREATE, c.name(), 0));
    }

    private void onReadWriteRequest(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info) {
        ReadWriteRequest rw = m.command == READ ? Smb2Parser.parseReadRequest(b, off, len) : Smb2Parser.parseWriteRequest(b, off, len);
        if (rw == null) { malformed(m, m.commandName + " request shorter than its fixed part"); return; }
        m.fields.add(m.command == READ ? "smb2.read_length" : "smb2.write_length", (long) rw.length() & 0xffffffffL);
        m.fields.add("smb2.file_offset", rw.offset());
        info.append(" Len:").append(rw.length() & 0xffffffffL).append(" Off:").append(rw.offset());
        fileInfo(m, h, rw.file(), info);
        if (m.command == WRITE) pipeData(m, b, off, len, rw.dataOffset(), rw.dataLength());
        pending.put(h.messageId, new Pending(m.command, m.file, 0, m.fid));
    }

    private void onIoctlRequest(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info) {
        Ioctl io = Smb2Parser.parseIoctlRequest(b, off, len);
        if (io == null) { malformed(m, "IOCTL request shorter than its fixed part"); return; }
        m.fields.add("smb2.ioctl.function", (long) io.ctlCode() & 0xffffffffL);
        info.append(' ').append(Fsctl.display(io.ctlCode()));
        if (io.ctlCode() == Fsctl.FSCTL_DFS_GET_REFERRALS || io.ctlCode() == Fsctl.FSCTL_DFS_GET_REFERRALS_EX) {
            // REQ_GET_DFS_REFERRAL (MS-DFSC §2.2.2): MaxReferralLevel(2), then the path, NUL-terminated.
            String path = io.inputCount() > 2 ? Smb2Parser.utf16(b, off, len, io.inputOffset() + 2, io.inputCount() - 2) : null;
            if (path != null) {
                int nul = path.indexOf('\0');
                if (nul >= 0) path = path.substring(0, nul);
                m.fields.add("smb.file", path);   // tshark decodes the DFS referral with the SMB dissector
                info.append(", File: ").append(path);
            }
        } else if (io.ctlCode() == Fsctl.FSCTL_PIPE_WAIT) {
            // FSCTL_PIPE_WAIT_REQUEST (MS-FSCC §2.3.49): Timeout(8), NameLength(4), TimeoutSpecified(1), Padding(1), Name
            boolean inside = io.inputOffset() >= Smb2Header.SIZE && (long) io.inputOffset() + io.inputCount() <= len;
            if (inside && io.inputCount() >= 14) {   // the input buffer must lie in the message (fuzzing found one that did not)
                int nameLen = Smb2Parser.s32(b, off + io.inputOffset() + 8);
                String pipe = nameLen > 0 && nameLen <= io.inputCount() - 14
                        ? Smb2Parser.utf16(b, off, len, io.inputOffset() + 14, nameLen) : null;
                if (pipe != null) {
                    m.fields.add("smb2.fsctl.wait.name", pipe);
                    info.append(" Pipe: ").append(pipe);
                }
            }
        } else {
            fileInfo(m, h, io.file(), info);
            if (io.ctlCode() == Fsctl.FSCTL_PIPE_TRANSCEIVE) pipeData(m, b, off, len, io.inputOffset(), io.inputCount());
        }
        pending.put(h.messageId, new Pending(IOCTL, m.file, io.ctlCode(), m.fid));
    }

    private void onQueryDirectoryRequest(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info) {
        QueryDirectoryRequest q = Smb2Parser.parseQueryDirectoryRequest(b, off, len);
        if (q == null) { malformed(m, "QUERY_DIRECTORY request shorter than its fixed part"); return; }
        fileInfo(m, h, q.file(), info);
        info.append(' ').append(Smb2InfoLevels.findLevelDisplay(q.infoClass()));
        if (q.pattern() != null) {
            m.fields.add("smb2.find.pattern", q.pattern());
            info.append(" Pattern: ").append(q.pattern());
        }
        pending.put(h.messageId, new Pending(QUERY_DIRECTORY, m.file, q.infoClass()));
    }

    private void onInfoRequest(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info) {
        InfoRequest q = m.command == QUERY_INFO ? Smb2Parser.parseQueryInfoRequest(b, off, len)
                : Smb2Parser.parseSetInfoRequest(b, off, len);
        if (q == null) { malformed(m, m.commandName + " request shorter than its fixed part"); return; }
        m.fields.add("smb2.class", (long) q.infoType());
        m.fields.add("smb2.infolevel", (long) q.infoClass());
        info.append(' ').append(Smb2InfoLevels.display(q.infoType(), q.infoClass()));
        fileInfo(m, h, q.file(), info);
        if (m.command == SET_INFO) setInfoBuffer(m, b, off, len, q);
        pending.put(h.messageId, new Pending(m.command, m.file, q.infoType() << 8 | q.infoClass()));
    }

    private void onResponse(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info) {
        Pending p = pending.remove(h.messageId);
        switch (m.command) {
            case NEGOTIATE: onNegotiateResponse(m, h, b, off, len, info, p); return;
            case SESSION_SETUP: onSessionSetupResponse(m, h, b, off, len, info, p); return;
            case LOGOFF:
                shared.sessions.remove(sessionKey(h.sessionId));
                return;
            case TREE_CONNECT: onTreeConnectResponse(m, h, b, off, len, info, p); return;
            case TREE_DISCONNECT:
                shared.trees.remove(treeKey(h.sessionId, h.treeId));
                return;
            case CREATE: onCreateResponse(m, h, b, off, len, info, p); return;
            case CLOSE:
                return;
            case READ: onReadResponse(m, h, b, off, len, info, p); return;
            case WRITE: onWriteResponse(m, h, b, off, len, info, p); return;
            case IOCTL: onIoctlResponse(m, h, b, off, len, info, p); return;
            case QUERY_DIRECTORY: onQueryDirectoryResponse(m, h, b, off, len, info, p); return;
            case QUERY_INFO:
                if (p == null) return;
                m.file = p.name;
                String qname = Smb2Parser.parseQueryInfoName(b, off, len, p.infoClass >>> 8, p.infoClass & 0xff);
                // tshark shows FileNormalizedNameInformation with the SMB dissector's field
                if (qname != null) m.fields.add((p.infoClass & 0xff) == 48 ? "smb.file" : "smb2.filename", qname);
                return;
            case OPLOCK_BREAK:
                // Server-initiated lease break notifications (§2.2.23.2) have StructureSize 44.
                if (len >= Smb2Header.SIZE + 2 && Smb2Parser.u16(b, off + Smb2Header.SIZE) == 44 && h.messageId == -1L) {
                    info.setLength(0);
                    info.append("Lease Break Notification");
                }
                return;
            default:
                if (p != null) m.file = p.name;
        }
    }

    private void onNegotiateResponse(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info, Pending p) {
        Negotiate n = Smb2Parser.parseNegotiateResponse(b, off, len);
        if (n == null) { malformed(m, "NEGOTIATE response shorter than its fixed part"); return; }
        dialect = n.dialect();
        m.fields.add("smb2.dialect", (long) n.dialect());
        m.fields.add("smb2.server_guid", n.guid());
        m.fields.add("smb2.max_trans_size", (long) n.maxTransact() & 0xffffffffL);
        m.fields.add("smb2.max_read_size", (long) n.maxRead() & 0xffffffffL);
        m.fields.add("smb2.max_write_size", (long) n.maxWrite() & 0xffffffffL);
    }

    private void onSessionSetupResponse(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info, Pending p) {
        SessionSetup ss = Smb2Parser.parseSessionSetupResponse(b, off, len);
        if (ss == null) { malformed(m, "SESSION_SETUP response shorter than its fixed part"); return; }
        AuthFields.fromBlob(m, b, off, len, ss.blobOffset(), ss.blobLength(), info);
        m.fields.add("smb2.session_flags", (long) ss.flags());
    }

    private void onTreeConnectResponse(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info, Pending p) {
        TreeConnectResponse t = Smb2Parser.parseTreeConnectResponse(b, off, len);
        if (t == null) { malformed(m, "TREE_CONNECT response shorter than its fixed part"); return; }
        m.fields.add("smb2.share_type", (long) t.shareType());
        if (p != null && p.name != null) {
            shared.trees.put(treeKey(h.sessionId, h.treeId), new Tree(p.name, t.shareType()));
            m.tree = p.name;
        }
    }

    private void onCreateResponse(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info, Pending p) {
        CreateResponse c = Smb2Parser.parseCreateResponse(b, off, len);
        if (c == null) { malformed(m, "CREATE response shorter than its fixed part"); return; }
        String name = p != null ? p.name : null;
        m.fields.add("smb2.create.action", (long) c.createAction());
        m.fields.add("smb2.create.time", Smb2Parser.filetime(c.creationTime()));
        m.fields.add("smb2.last_access.time", Smb2Parser.filetime(c.lastAccessTime()));
        m.fields.add("smb2.last_write.time", Smb2Parser.filetime(c.lastWriteTime()));
        m.fields.add("smb2.last_change.time", Smb2Parser.filetime(c.changeTime()));
        m.fields.add("smb2.end_of_file", c.endOfFile());
        m.fields.add("smb2.file_attributes", (long) c.fileAttributes() & 0xffffffffL);
        FileRef ref = new FileRef(c.fileIdPersistent(), c.fileIdVolatile());
        m.fid = fidString(ref);
        m.fields.add("smb2.fid", m.fid);
        if (name != null) {
            shared.files.put(fileKey(ref), new OpenFile(name, m.tree, c.createAction()));
            m.file = name;
            info.append(" File: ").append(name);
        }
    }

    private void onReadResponse(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info, Pending p) {
        var r = Smb2Parser.parseReadResponse(b, off, len);
        if (r == null) { malformed(m, "READ response shorter than its fixed part"); return; }
        m.fields.add("smb2.read_length", (long) r.dataLength() & 0xffffffffL);
        if (p != null) {
            m.file = p.name;
            m.fid = p.fid;
        }
        pipeData(m, b, off, len, r.dataOffset(), r.dataLength());
    }

    private void onWriteResponse(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info, Pending p) {
        var w = Smb2Parser.parseWriteResponse(b, off, len);
        if (w != null) m.fields.add("smb2.write.count", (long) w.count() & 0xffffffffL);
        if (p != null) m.file = p.name;
    }

    private void onIoctlResponse(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info, Pending p) {
        Ioctl io = Smb2Parser.parseIoctlResponse(b, off, len);
        if (io == null) { malformed(m, "IOCTL response shorter than its fixed part"); return; }
        m.fields.add("smb2.ioctl.function", (long) io.ctlCode() & 0xffffffffL);
        info.append(' ').append(Fsctl.display(io.ctlCode()));
        // A compound's response carries the real FileId where its request had the related one.
        if (!fileInfo(m, h, io.file(), info) && p != null && p.name != null) {
            m.file = p.name;
            info.append(" File: ").append(p.name);
        }
        if (m.fid == null && p != null) m.fid = p.fid;
        if (io.ctlCode() == Fsctl.FSCTL_PIPE_TRANSCEIVE) pipeData(m, b, off, len, io.outputOffset(), io.outputCount());
    }

    private void onQueryDirectoryResponse(SmbMessage m, Smb2Header h, byte[] b, int off, int len, StringBuilder info, Pending p) {
        if (p == null) return;
        m.file = p.name;
        List<String> names = Smb2Parser.parseDirectoryNames(b, off, len, p.infoClass);
        for (String n : names) m.fields.add("smb2.filename", n);
    }

    /** Marks the header-relative data range as named-pipe data (the DCERPC layer decides whether it is DCERPC). */
    private static void pipeData(SmbMessage m, byte[] b, int off, int len, int dataOffset, int dataLength) {
        if (dataOffset < Smb2Header.SIZE || dataOffset >= len || dataLength <= 0) return;
        m.pipeData = b;
        m.pipeOff = off + dataOffset;
        m.pipeLen = Math.min(dataLength, len - dataOffset);
    }

    /** What a Set Info request changes, for the two classes that matter most: delete and rename (MS-FSCC §2.4). */
    private static void setInfoBuffer(SmbMessage m, byte[] b, int off, int len, InfoRequest q) {
        if (q.infoType() != 1 || q.bufferOffset() < Smb2Header.SIZE || (long) q.bufferOffset() + q.bufferLength() > len) return;
        int p = off + q.bufferOffset();
        if ((q.infoClass() == 13 || q.infoClass() == 64) && q.bufferLength() >= 1) {
            // FileDispositionInformation(Ex): DeletePending / flags, bit 0 = delete
            m.fields.add("smb2.disposition.delete_on_close", (long) (b[p] & 1));
        } else if (q.infoClass() == 10 && q.bufferLength() >= 20) {
            // FILE_RENAME_INFORMATION_TYPE_2: ReplaceIfExists(1), Reserved(7), RootDirectory(8), FileNameLength(4), FileName
            int nameLen = Smb2Parser.s32(b, p + 16);
            String to = nameLen >= 0 && 20L + nameLen <= q.bufferLength()
                    ? Smb2Parser.utf16(b, off, len, q.bufferOffset() + 20, nameLen) : null;
            if (to != null) m.fields.add("smb2.rename.name", to);
        }
    }

    /** Names the file a request refers to (Info "File: name") when the FileId is known. */
    private boolean fileInfo(SmbMessage m, Smb2Header h, FileRef ref, StringBuilder info) {
        if (!setFile(m, ref)) return false;
        info.append(" File: ").append(m.file);
        return true;
    }

    private boolean setFile(SmbMessage m, FileRef ref) {
        if (ref == null) return false;
        if (ref.fileIdPersistent() == -1L && ref.fileIdVolatile() == -1L) {
            // A related compound operation: the file is the compound's Create (tshark leaves Info unnamed).
            if ((m.chainIndex > 0) && compoundCreate != null) m.file = compoundCreate;
            return false;
        }
        m.fid = fidString(ref);
        m.fields.add("smb2.fid", m.fid);
        OpenFile f = shared.files.get(fileKey(ref));
        if (f == null) return false;
        m.file = f.name();
        if (m.command == CLOSE) shared.files.remove(fileKey(ref));
        return true;
    }

    private static String fidString(FileRef ref) {
        return Smb2Parser.guid(ref.fileIdPersistent(), ref.fileIdVolatile());
    }

    private void malformed(SmbMessage m, String why) {
        m.malformed = why;
        anomalies.report(AnomalyKind.SMB_MALFORMED_DATA, m.where(), why);
    }

    /** The dialect the server chose, or 0 before the Negotiate response. */
    public int dialect() {
        return dialect;
    }

    /** Requests dropped unanswered because the pending cap was reached. */
    public long evictions() {
        return pending.evicted();
    }
}
