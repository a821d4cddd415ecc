package io.smbwatch.app.smb1;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.smb1.Smb1State.OpenFile;
import io.smbwatch.app.smb1.Smb1State.Pending;
import io.smbwatch.app.smb1.Smb1State.Session;
import io.smbwatch.app.smb1.Smb1State.Tree;
import io.smbwatch.proto.auth.Ntlmssp;
import io.smbwatch.proto.auth.NtlmsspMessage;
import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb1.Smb1Header;
import io.smbwatch.proto.smb1.Smb1Parser;
import io.smbwatch.proto.smb1.Smb1Records.Block;
import io.smbwatch.proto.smb1.Smb1Records.FidRequest;
import io.smbwatch.proto.smb1.Smb1Records.NegotiateRequest;
import io.smbwatch.proto.smb1.Smb1Records.NegotiateResponse;
import io.smbwatch.proto.smb1.Smb1Records.NtCreateRequest;
import io.smbwatch.proto.smb1.Smb1Records.NtCreateResponse;
import io.smbwatch.proto.smb1.Smb1Records.OpenRequest;
import io.smbwatch.proto.smb1.Smb1Records.OpenResponse;
import io.smbwatch.proto.smb1.Smb1Records.PathRequest;
import io.smbwatch.proto.smb1.Smb1Records.ReadRequest;
import io.smbwatch.proto.smb1.Smb1Records.ReadResponse;
import io.smbwatch.proto.smb1.Smb1Records.SessionSetupRequest;
import io.smbwatch.proto.smb1.Smb1Records.SessionSetupResponse;
import io.smbwatch.proto.smb1.Smb1Records.TreeConnectRequest;
import io.smbwatch.proto.smb1.Smb1Records.TreeConnectResponse;
import io.smbwatch.proto.smb1.Smb1Records.WriteRequest;
import io.smbwatch.proto.smb1.Smb1Records.WriteResponse;

/**
 * Session, tree and file commands of SMB1: Negotiate, Session Setup, Logoff, Tree Connect and
 * Disconnect, NT Create, Open, Read, Write, Close, Locking, path commands; the rest of the
 * protocol's commands get their FID (if they carry one) and the common fields.
 */
final class Smb1CommandHandler {
    private final Smb1Handler h;

    Smb1CommandHandler(Smb1Handler h) {
        this.h = h;
    }

    /** Commands whose first parameter word is a FID (MS-CIFS §2.2.4). */
    private static boolean fidInWord0(int cmd) {
        switch (cmd) {
            case 0x04: case 0x05: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x12: case 0x13:
            case 0x14: case 0x1a: case 0x1b: case 0x1d: case 0x1e: case 0x22: case 0x23: case 0x27: case 0x2c:
                return true;
            default:
                return false;
        }
    }

    /** Commands whose Bytes block is BufferFormat 0x04 + a file name. */
    private static boolean pathCommand(int cmd) {
        switch (cmd) {
            case 0x00: case 0x01: case 0x02: case 0x03: case 0x06: case 0x08: case 0x09: case 0x0e: case 0x0f:
            case 0x10:
                return true;
            default:
                return false;
        }
    }

    void request(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean uni = hd.unicode();
        switch (m.command) {
            case Smb1Commands.NEGOTIATE: onNegotiateRequest(m, hd, b, k, p, sb); return;
            case Smb1Commands.SESSION_SETUP_ANDX: sessionSetupRequest(m, b, k, p, sb, uni); return;
            case Smb1Commands.TREE_CONNECT_ANDX: onTreeConnectRequest(m, hd, b, k, p, sb); return;
            case Smb1Commands.NT_CREATE_ANDX: onNtCreateRequest(m, hd, b, k, p, sb); return;
            case Smb1Commands.OPEN_ANDX: onOpenRequest(m, hd, b, k, p, sb); return;
            case Smb1Commands.READ_ANDX: onReadRequest(m, hd, b, k, p, sb); return;
            case Smb1Commands.WRITE_ANDX: onWriteRequest(m, hd, b, k, p, sb); return;
            case Smb1Commands.LOCKING_ANDX: onLockingRequest(m, hd, b, k, p, sb); return;
            case Smb1Commands.TRANSACTION: case Smb1Commands.TRANSACTION2: case Smb1Commands.NT_TRANSACT:
                h.trans().request(m, hd, b, k, p, sb);
                return;
            case Smb1Commands.TRANSACTION_SECONDARY: case Smb1Commands.TRANSACTION2_SECONDARY:
            case Smb1Commands.NT_TRANSACT_SECONDARY:
                h.trans().secondary(m, b, k, sb);
                return;
            default:
                break;
        }
        if (fidInWord0(m.command)) {
            FidRequest r = Smb1Parser.parseFid(k, b, 0);
            if (r == null) { h.shortBlock(m, k); return; }
            p.fid = r.fid();
            h.fid(m, r.fid());
            if (m.command == Smb1Commands.CLOSE) sb.append(", FID: ").append(Smb1Handler.hex4(r.fid()));
        } else if (pathCommand(m.command)) {
            PathRequest r = Smb1Parser.parsePathRequest(b, k, uni);
            h.problem(m, r.malformed());
            p.name = r.path();
            if (r.path() != null) {
                m.file = r.path();
                Smb1TransHandler.str(m, "smb.file", r.path());
                if (m.command == 0x08) sb.append(", Path: ").append(r.path());
            }
        }
    }

    private void onNegotiateRequest(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        NegotiateRequest r = Smb1Parser.parseNegotiateRequest(b, k);
        for (String d : r.dialects()) m.fields.add("smb.dialect.name", d);
        h.problem(m, r.malformed());
    }

    private void onTreeConnectRequest(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean uni = hd.unicode();
        TreeConnectRequest r = Smb1Parser.parseTreeConnectRequest(b, k, uni);
        if (r == null) { h.shortBlock(m, k); return; }
        h.problem(m, r.malformed());
        p.name = r.path();
        if (r.path() != null) {
            m.fields.add("smb.path", r.path());
            m.tree = r.path();
            sb.append(", Path: ").append(r.path());
        }
        m.fields.add("smb.service", r.service());
    }

    private void onNtCreateRequest(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean uni = hd.unicode();
        NtCreateRequest r = Smb1Parser.parseNtCreateRequest(b, k, uni);
        if (r == null) { h.shortBlock(m, k); return; }
        h.problem(m, r.malformed());
        onFileName(m, p, sb, r.name());
    }

    /** The file an NT Create or Open request names: kept for its response, shown as tshark does. */
    private static void onFileName(SmbMessage m, Pending p, StringBuilder sb, String name) {
        p.name = name;
        m.file = name;
        Smb1TransHandler.str(m, "smb.file", name);
        sb.append(", Path: ").append(name);
    }

    private void onOpenRequest(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean uni = hd.unicode();
        OpenRequest r = Smb1Parser.parseOpenRequest(b, k, uni);
        if (r == null) { h.shortBlock(m, k); return; }
        h.problem(m, r.malformed());
        onFileName(m, p, sb, r.name());
    }

    private void onReadRequest(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        ReadRequest r = Smb1Parser.parseReadRequest(b, k);
        if (r == null) { h.shortBlock(m, k); return; }
        p.fid = r.fid();
        h.fid(m, r.fid());
        m.fields.add("smb.offset", r.offset());
        sb.append(", FID: ").append(Smb1Handler.hex4(r.fid())).append(", ");
        Smb1Handler.bytes(sb, r.maxCount()).append(" at offset ").append(r.offset());
    }

    private void onWriteRequest(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        WriteRequest r = Smb1Parser.parseWriteRequest(b, k);
        if (r == null) { h.shortBlock(m, k); return; }
        h.problem(m, r.malformed());
        p.fid = r.fid();
        h.fid(m, r.fid());
        m.fields.add("smb.offset", r.offset());
        m.fields.add("smb.data_len", r.dataLength());
        if (r.malformed() == null) Smb1Handler.pipeData(m, b, r.dataOffset(), r.dataLength());
        sb.append(", FID: ").append(Smb1Handler.hex4(r.fid())).append(", ");
        Smb1Handler.bytes(sb, r.dataLength()).append(" at offset ").append(r.offset());
    }

    private void onLockingRequest(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        FidRequest r = Smb1Parser.parseFid(k, b, 2);
        if (r == null) { h.shortBlock(m, k); return; }
        p.fid = r.fid();
        h.fid(m, r.fid());
        sb.append(", FID: ").append(Smb1Handler.hex4(r.fid()));
    }

    private void sessionSetupRequest(SmbMessage m, byte[] b, Block k, Pending p, StringBuilder sb, boolean uni) {
        SessionSetupRequest r = Smb1Parser.parseSessionSetupRequest(b, k, uni);
        if (r == null) { h.shortBlock(m, k); return; }
        h.problem(m, r.malformed());
        m.fields.add("smb.native_os", r.nativeOs());
        m.fields.add("smb.native_lanman", r.nativeLanMan());
        if (r.extended()) {
            NtlmsspMessage n = ntlmssp(m, b, r.blobOffset(), r.blobLength(), sb);
            if (n != null && n.type() == NtlmsspMessage.AUTHENTICATE) {
                p.user = n.user();
                p.domain = n.domain();
                p.host = n.workstation();
            }
            return;
        }
        p.user = r.account();
        p.domain = r.domain();
        m.fields.add("smb.account", r.account());
        m.fields.add("smb.primary_domain", r.domain());
        sb.append(", User: ");
        if (r.account().isEmpty() && r.domain().isEmpty()) sb.append("anonymous");
        else sb.append(r.domain()).append('\\').append(r.account());
    }

    /** Finds and dissects an NTLMSSP message in a security blob; adds its fields and Info words. */
    private NtlmsspMessage ntlmssp(SmbMessage m, byte[] b, int blobOff, int blobLen, StringBuilder sb) {
        if (blobLen <= 0) return null;
        int at = Ntlmssp.find(b, blobOff, blobLen);
        if (at < 0) return null;
        NtlmsspMessage n = Ntlmssp.parse(b, at, blobOff + blobLen - at);
        if (n == null) return null;
        if (n.malformed() != null) h.problem(m, "NTLMSSP: " + n.malformed());
        m.fields.add("ntlmssp.messagetype", n.type() & 0xffffffffL);
        sb.append(", ").append(n.typeName());
        if (n.type() == NtlmsspMessage.AUTHENTICATE) {
            // the strings as sent ("" when empty, as over SMB2; tshark shows "NULL" for "")
            m.fields.add("ntlmssp.auth.username", n.user());
            m.fields.add("ntlmssp.auth.domain", n.domain());
            m.fields.add("ntlmssp.auth.hostname", n.workstation());
            sb.append(", User: ").append(n.domain()).append('\\').append(n.user());
        }
        return n;
    }

    void response(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean uni = hd.unicode();
        boolean ok = m.status == 0;
        switch (m.command) {
            case Smb1Commands.NEGOTIATE: onNegotiateResponse(m, hd, b, k, p, sb); return;
            case Smb1Commands.SESSION_SETUP_ANDX: onSessionSetupResponse(m, hd, b, k, p, sb); return;
            case Smb1Commands.LOGOFF_ANDX:
                if (ok) h.state().sessions.remove(hd.uid);
                return;
            case Smb1Commands.TREE_CONNECT_ANDX: onTreeConnectResponse(m, hd, b, k, p, sb); return;
            case Smb1Commands.TREE_DISCONNECT:
                if (ok) {
                    h.state().trees.remove(hd.tid);
                    h.state().files.values().removeIf(f -> f.tid == hd.tid);
                }
                return;
            case Smb1Commands.NT_CREATE_ANDX: onNtCreateResponse(m, hd, b, k, p, sb); return;
            case Smb1Commands.OPEN_ANDX: onOpenResponse(m, hd, b, k, p, sb); return;
            case Smb1Commands.READ_ANDX: onReadResponse(m, hd, b, k, p, sb); return;
            case Smb1Commands.WRITE_ANDX: onWriteResponse(m, hd, b, k, p, sb); return;
            case Smb1Commands.LOCKING_ANDX:
                requestFid(m, p, sb);
                return;
            case Smb1Commands.CLOSE:
                requestFid(m, p, sb);
                if (ok && p != null && p.fid >= 0) h.state().files.remove(p.fid);
                return;
            case Smb1Commands.TRANSACTION: case Smb1Commands.TRANSACTION2: case Smb1Commands.NT_TRANSACT:
                h.trans().response(m, hd, b, k, p, sb);
                return;
            default:
                if (p != null && p.fid >= 0 && fidInWord0(m.command)) h.fid(m, p.fid);
        }
    }

    private void onNegotiateResponse(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean uni = hd.unicode();
        NegotiateResponse r = Smb1Parser.parseNegotiateResponse(b, k, uni);
        if (r == null) return;
        h.problem(m, r.malformed());
        m.fields.add("smb.dialect.index", (long) r.dialectIndex());
        if (r.blobOffset() >= 16 && (r.capabilities() & NegotiateResponse.CAP_EXTENDED_SECURITY) != 0) {
            m.fields.add("smb.server_guid", io.smbwatch.proto.smb2.Smb2Parser.guid(b, r.blobOffset() - 16));
        }
        if (r.wordCount() >= 13) m.fields.add("smb.sm", (long) r.securityMode());
        if (r.wordCount() == 17) m.fields.add("smb.server_cap", r.capabilities() & 0xffffffffL);
    }

    private void onSessionSetupResponse(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean uni = hd.unicode();
        boolean ok = m.status == 0;
        SessionSetupResponse r = Smb1Parser.parseSessionSetupResponse(b, k, uni);
        if (r == null) { if (ok) h.shortBlock(m, k); return; }
        h.problem(m, r.malformed());
        m.fields.add("smb.native_os", r.nativeOs());
        m.fields.add("smb.native_lanman", r.nativeLanMan());
        ntlmssp(m, b, r.blobOffset(), r.blobLength(), sb);
        if (ok && p != null && p.user != null) h.putSession(m, hd.uid, Smb1State.session(p.user, p.domain, p.host == null ? "" : p.host));
    }

    private void onTreeConnectResponse(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean uni = hd.unicode();
        boolean ok = m.status == 0;
        TreeConnectResponse r = Smb1Parser.parseTreeConnectResponse(b, k, uni);
        String path = p != null ? p.name : null;
        if (r == null) { if (ok) h.shortBlock(m, k); return; }
        h.problem(m, r.malformed());
        m.fields.add("smb.service", r.service());
        if (ok && path != null) {
            h.putTree(m, hd.tid, Smb1State.tree(path, r.service()));
            m.tree = path;
            m.fields.add("smb.path", path);
        }
    }

    private void onNtCreateResponse(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean ok = m.status == 0;
        NtCreateResponse r = Smb1Parser.parseNtCreateResponse(b, k);
        String name = p != null ? p.name : null;
        if (r == null) {
            if (ok) { h.shortBlock(m, k); return; }
            // tshark shows a failed create as FID 0x0000 with the requested name.
            m.fields.add("smb.fid", 0L);
            if (name != null) m.fields.add("smb.file", name);
            sb.append(", FID: 0x0000");
            return;
        }
        if (ok) h.putFile(m, r.fid(), Smb1State.file(name, m.tree, hd.tid, r.createAction()));
        h.fid(m, r.fid());
        m.fields.add("smb.create.action", (long) r.createAction());
        sb.append(", FID: ").append(Smb1Handler.hex4(r.fid()));
    }

    private void onOpenResponse(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean ok = m.status == 0;
        OpenResponse r = Smb1Parser.parseOpenResponse(b, k);
        if (r == null) { if (ok) h.shortBlock(m, k); return; }
        if (ok) h.putFile(m, r.fid(), Smb1State.file(p != null ? p.name : null, m.tree, hd.tid, r.openResults()));
        h.fid(m, r.fid());
        sb.append(", FID: ").append(Smb1Handler.hex4(r.fid()));
    }

    private void onReadResponse(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean ok = m.status == 0;
        ReadResponse r = Smb1Parser.parseReadResponse(b, k);
        requestFid(m, p, sb);
        if (r == null) { if (ok) h.shortBlock(m, k); return; }
        h.problem(m, r.malformed());
        m.fields.add("smb.data_len", r.dataLength());
        if (r.malformed() == null) Smb1Handler.pipeData(m, b, r.dataOffset(), r.dataLength());
        Smb1Handler.bytes(sb.append(", "), r.dataLength());
    }

    private void onWriteResponse(SmbMessage m, Smb1Header hd, byte[] b, Block k, Pending p, StringBuilder sb) {
        boolean ok = m.status == 0;
        WriteResponse r = Smb1Parser.parseWriteResponse(b, k);
        requestFid(m, p, sb);
        if (r == null) { if (ok) h.shortBlock(m, k); return; }
        m.fields.add("smb.count", r.count());
        Smb1Handler.bytes(sb.append(", "), r.count());
    }

    /** A response names the FID its request named ("Close Response, FID: 0x4000"). */
    private void requestFid(SmbMessage m, Pending p, StringBuilder sb) {
        if (p == null || p.fid < 0) return;
        h.fid(m, p.fid);
        sb.append(", FID: ").append(Smb1Handler.hex4(p.fid));
    }
}
