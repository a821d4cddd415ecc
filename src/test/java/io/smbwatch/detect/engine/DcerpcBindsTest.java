package io.smbwatch.detect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interfaces bound per pipe, their versions, and a response's opnum taken from its request. */
class DcerpcBindsTest {
    private static final String SAMR = "12345778-1234-abcd-ef00-0123456789ac";
    private final Flow flow = new EngineFixtures().tcpFlow(1, 40000, 445);

    private static SmbMessage bind(String fid, String uuid, long version) {
        SmbMessage m = new SmbMessage();
        m.fid = fid;
        m.fields.add("dcerpc.cn_bind_to_uuid", uuid).add("dcerpc.cn_bind_if_ver", version);
        return m;
    }

    @Test
    void theInterfaceBoundOnThePipeElseTheLastBound() {
        DcerpcBinds d = new DcerpcBinds();
        SmbMessage other = new SmbMessage();
        other.fid = "0x4001";
        assertNull(d.bound(other));
        d.track(bind("0x4000", SAMR.toUpperCase(), 1));
        assertEquals(SAMR, d.bound(bind("0x4000", "x", 0)));
        assertEquals(SAMR, d.bound(other), "no bind on that pipe: the flow's last");
        assertTrue(d.ifaceMatches(List.<String[]>of(new String[] {SAMR, "=1"}), SAMR));
        assertFalse(d.ifaceMatches(List.<String[]>of(new String[] {SAMR, ">1"}), SAMR));
        assertTrue(d.ifaceMatches(List.<String[]>of(new String[] {SAMR, null}), SAMR));
    }

    @Test
    void versionTests() {
        assertTrue(DcerpcBinds.versionOk(null, null));
        assertTrue(DcerpcBinds.versionOk("any_frag", null));
        assertFalse(DcerpcBinds.versionOk("=1", null));
        assertTrue(DcerpcBinds.versionOk("<2", 1L));
        assertTrue(DcerpcBinds.versionOk("!3", 1L));
        assertFalse(DcerpcBinds.versionOk("!1", 1L));
        assertTrue(DcerpcBinds.versionOk("1", 1L));
        assertTrue(DcerpcBinds.versionOk("=x", 1L), "unreadable: no test");
    }

    @Test
    void aResponseTakesTheOpnumOfItsRequest() {
        DcerpcBinds d = new DcerpcBinds();
        SmbMessage req = StickyBuffersTest.write(flow, "\\\\srv\\IPC$", StickyBuffersTest.request(7, 9, "ab"));
        req.fid = "f";
        assertEquals(9, d.opnum(req));
        byte[] resp = StickyBuffersTest.request(7, 0, "cd");
        resp[2] = 2;                                  // a response has no opnum
        SmbMessage r = read(resp);
        r.fid = "f";
        assertEquals(9, d.opnum(r));
        SmbMessage unknown = read(StickyBuffersTest.request(8, 0, "cd"));
        unknown.payload[4 + 64 + 16 + 2] = 2;
        unknown.fid = "f";
        assertEquals(-1, d.opnum(unknown), "no request seen for call 8");
        assertEquals(DcerpcBinds.NO_CALL, d.opnum(StickyBuffersTest.write(flow, "\\\\srv\\IPC$", new byte[30])));
        assertEquals(DcerpcBinds.NO_CALL, d.opnum(null));
    }

    /** An SMB2 READ response (MS-SMB2 §2.2.20) carrying data. */
    private SmbMessage read(byte[] data) {
        byte[] smb = new byte[64 + 16 + Math.max(data.length, 24)];
        smb[64 + 2] = 64 + 16;
        smb[64 + 4] = (byte) data.length;
        System.arraycopy(data, 0, smb, 64 + 16, data.length);
        return EngineFixtures.message(flow, Flow.TO_CLIENT, SmbMessage.SMB2, 8, true, smb);
    }

    @Test
    void overTcpTheDissectedFieldsSayIt() {
        SmbMessage m = new SmbMessage();
        assertEquals(DcerpcBinds.NO_CALL, DcerpcBinds.tcpOpnum(m));
        m.fields.add("dcerpc.pkt_type", 2L);
        assertEquals(-1, DcerpcBinds.tcpOpnum(m));
        m.fields.add("dcerpc.opnum", 3L);
        assertEquals(3, DcerpcBinds.tcpOpnum(m));
    }

    @Test
    void bindsAndCallsBeyondTheCapsAreCountedOnce() {
        DcerpcBinds d = new DcerpcBinds();
        for (int i = 0; i < 300; i++) d.track(bind("fid" + i, String.format("%08x-0000-0000-0000-000000000000", i), 1));
        assertEquals(44 + 44, d.refused, "pipes and versions beyond 256");
        d.track(bind("fid1", SAMR, 2));
        assertEquals(SAMR, d.bound(bind("fid1", "x", 0)), "a pipe already known is still updated");
        assertEquals(88 + 1, d.refused, "a version beyond the cap");
        long before = d.refused;
        for (int call = 0; call < 1100; call++) {
            SmbMessage req = StickyBuffersTest.write(flow, "\\\\srv\\IPC$", StickyBuffersTest.request(call & 0xff, 1, "ab"));
            req.fid = "p" + (call >> 8);
            d.opnum(req);
            d.opnum(req);                       // a second rule asks about the same message
        }
        assertEquals(before + 1100 - 1024, d.refused);
    }
}
