package io.smbwatch.detect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.rule.BufferKind;
import io.smbwatch.flow.Flow;
import org.junit.jupiter.api.Test;

/** Each sticky buffer of a hand-built SMB message, and the messages that have none. */
class StickyBuffersTest {
    private final Flow flow = new EngineFixtures().tcpFlow(1, 40000, 445);
    private final StickyBuffers sb = new StickyBuffers();

    private String selected() {
        return new String(sb.buf, sb.off, sb.len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** An SMB2 WRITE request (MS-SMB2 §2.2.21) whose data is data, on tree. */
    static SmbMessage write(Flow f, String tree, byte[] data) {
        byte[] smb = new byte[64 + 48 + data.length];
        smb[0] = (byte) 0xfe;
        smb[64 + 2] = 64 + 48;                       // DataOffset, from the header
        smb[64 + 4] = (byte) data.length;            // Length
        System.arraycopy(data, 0, smb, 64 + 48, data.length);
        SmbMessage m = EngineFixtures.message(f, Flow.TO_SERVER, SmbMessage.SMB2, 9, false, smb);
        m.tree = tree;
        return m;
    }

    /** A DCERPC request PDU (little-endian) with the given call id and opnum, and its stub. */
    static byte[] request(int callId, int opnum, String stub) {
        byte[] s = EngineFixtures.ascii(stub);
        byte[] p = new byte[24 + s.length];
        p[0] = 5;
        p[2] = 0;
        p[3] = 3;
        p[4] = 0x10;
        p[8] = (byte) p.length;
        p[12] = (byte) callId;
        p[22] = (byte) opnum;
        System.arraycopy(s, 0, p, 24, s.length);
        return p;
    }

    @Test
    void treeConnectPathIsNamedPipeOnIpcAndShareOtherwise() {
        SmbMessage ipc = EngineFixtures.message(flow, Flow.TO_SERVER, SmbMessage.SMB2, 3, false, new byte[64]);
        ipc.tree = "\\\\srv\\IPC$";
        assertTrue(sb.select(BufferKind.SMB_NAMED_PIPE, ipc, false));
        assertEquals("\\\\srv\\IPC$", selected());
        assertFalse(sb.select(BufferKind.SMB_SHARE, ipc, false));
        assertFalse(sb.select(BufferKind.SMB_NAMED_PIPE, ipc, true), "to_client rules read the response");
        SmbMessage share = EngineFixtures.message(flow, Flow.TO_CLIENT, SmbMessage.SMB, 0x75, true, new byte[40]);
        share.tree = "\\\\srv\\c$";
        assertTrue(sb.select(BufferKind.SMB_SHARE, share, true));
        assertEquals("\\\\srv\\c$", selected());
        SmbMessage create = EngineFixtures.message(flow, Flow.TO_SERVER, SmbMessage.SMB2, 5, false, new byte[64]);
        create.tree = "\\\\srv\\c$";
        assertFalse(sb.select(BufferKind.SMB_SHARE, create, false), "only a tree connect carries the path");
    }

    @Test
    void namesAndUsersComeFromTheParsedFields() {
        SmbMessage m = EngineFixtures.message(flow, Flow.TO_SERVER, SmbMessage.SMB2, 5, false, new byte[64]);
        assertFalse(sb.select(BufferKind.FILE_NAME, m, false));
        m.file = "ctx.txt";
        assertTrue(sb.select(BufferKind.FILE_NAME, m, false));
        assertEquals("ctx.txt", selected());
        m.fields.add("smb2.filename", "evil.dll");
        assertTrue(sb.select(BufferKind.FILE_NAME, m, false));
        assertEquals("evil.dll", selected());
        m.fields.add("ntlmssp.auth.username", "bob").add("ntlmssp.auth.domain", "CORP");
        assertTrue(sb.select(BufferKind.SMB_NTLMSSP_USER, m, false));
        assertEquals("bob", selected());
        assertTrue(sb.select(BufferKind.SMB_NTLMSSP_DOMAIN, m, false));
        assertEquals("CORP", selected());
        assertFalse(sb.select(BufferKind.NONE, m, false));
        assertFalse(sb.select(BufferKind.FILE_NAME, null, false));
    }

    @Test
    void fileDataIsTheWrittenDataExceptOnPipes() {
        assertTrue(sb.select(BufferKind.FILE_DATA, write(flow, "\\\\srv\\share", EngineFixtures.ascii("HELLO")), false));
        assertEquals("HELLO", selected());
        assertFalse(sb.select(BufferKind.FILE_DATA, write(flow, "\\\\srv\\IPC$", EngineFixtures.ascii("HELLO")), false));
        SmbMessage create = EngineFixtures.message(flow, Flow.TO_SERVER, SmbMessage.SMB2, 5, false, new byte[120]);
        assertFalse(sb.select(BufferKind.FILE_DATA, create, false), "a create has no data");
    }

    @Test
    void stubDataOverSmbIsThatOfThePduAtTheStartOfTheData() {
        SmbMessage m = write(flow, "\\\\srv\\IPC$", request(7, 9, "STUB"));
        assertTrue(sb.select(BufferKind.DCERPC_STUB_DATA, m, false));
        assertEquals("STUB", selected());
        assertFalse(sb.select(BufferKind.DCERPC_STUB_DATA, write(flow, "\\\\srv\\IPC$", EngineFixtures.ascii("not a pdu, just bytes")), false));
    }

    @Test
    void stubDataOverTcpIsTheJoinedStub() {
        SmbMessage pdu = new SmbMessage();
        pdu.flow = flow;
        assertFalse(sb.select(BufferKind.DCERPC_STUB_DATA, pdu, false));
        pdu.stub = EngineFixtures.ascii("joinedXX");
        pdu.stubLen = 6;
        assertTrue(sb.select(BufferKind.DCERPC_STUB_DATA, pdu, false));
        assertEquals("joined", selected());
    }
}
