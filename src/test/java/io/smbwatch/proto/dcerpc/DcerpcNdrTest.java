package io.smbwatch.proto.dcerpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.dcerpc.DcerpcPipe;
import io.smbwatch.flow.Flow;
import io.smbwatch.stats.Anomalies;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile NDR (counts beyond the stub, 2^31-element arrays) and fragment reassembly. */
class DcerpcNdrTest {
    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void stringCountBeyondStubFailsWithoutAllocating() {
        ByteBuffer b = le(12).putInt(0x7fffffff).putInt(0).putInt(0x7fffffff);
        NdrReader r = new NdrReader(b.array(), 0, 12, true);
        assertNull(r.varyingString(2));
        assertTrue(r.failed());
    }

    @Test
    void conformantArrayOfTwoToThe31Elements() {
        // EnumDomainUsers response: resume, ptr, count, ptr, max_count = 2^31
        ByteBuffer b = le(24).putInt(0).putInt(0x20000).putInt(0x80000000).putInt(0x20004).putInt(0x80000000).putInt(0);
        Map<String, Object> out = new HashMap<>();
        DcerpcArgs.Result res = DcerpcArgs.decode("samr", 13, false, b.array(), 0, 24, true, out::put);
        assertNotNull(res.error());
        assertTrue(!out.containsKey("samr.samr_SamEntry.name"));
    }

    @Test
    void offsetBeyondMaxIsRejected() {
        ByteBuffer b = le(16).putInt(2).putInt(5).putInt(2).putInt(0x41004100);
        NdrReader r = new NdrReader(b.array(), 0, 16, true);
        assertNull(r.varyingString(2));
        assertTrue(r.failed());
    }

    @Test
    void sidWithTooManySubAuthorities() {
        ByteBuffer b = le(12).putInt(200).put((byte) 1).put((byte) 200);
        NdrReader r = new NdrReader(b.array(), 0, 12, true);
        assertNull(r.sid());
        assertTrue(r.failed());
    }

    private static byte[] ndrString(String s) {
        byte[] c = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
        int n = c.length / 2;
        ByteBuffer b = le(12 + ((c.length + 3) & ~3)).putInt(n).putInt(0).putInt(n).put(c);
        return b.array();
    }

    /** A request PDU (little-endian NDR) with the given flags and stub. */
    private static byte[] request(int flags, int callId, int ctx, int opnum, byte[] stub, int allocHint) {
        ByteBuffer b = le(24 + stub.length);
        b.put((byte) 5).put((byte) 0).put((byte) 0).put((byte) flags).putInt(0x10);
        b.putShort((short) (24 + stub.length)).putShort((short) 0).putInt(callId);
        b.putInt(allocHint).putShort((short) ctx).putShort((short) opnum).put(stub);
        return b.array();
    }

    private static byte[] bindAtsvc() {
        ByteBuffer b = le(16 + 12 + 44);
        b.put((byte) 5).put((byte) 0).put((byte) 11).put((byte) 3).putInt(0x10);
        b.putShort((short) 72).putShort((short) 0).putInt(1);
        b.putShort((short) 4280).putShort((short) 4280).putInt(0).put((byte) 1).put(new byte[3]);
        b.putShort((short) 0).put((byte) 1).put((byte) 0);
        uuid(b, "1ff70682-0a51-30e8-076d-740be8cee98b");
        b.putShort((short) 1).putShort((short) 0);
        uuid(b, "8a885d04-1ceb-11c9-9fe8-08002b104860");
        b.putInt(2);
        return b.array();
    }

    private static void uuid(ByteBuffer b, String u) {
        String h = u.replace("-", "");
        b.putInt((int) Long.parseLong(h.substring(0, 8), 16)).putShort((short) Integer.parseInt(h.substring(8, 12), 16))
                .putShort((short) Integer.parseInt(h.substring(12, 16), 16));
        for (int i = 16; i < 32; i += 2) b.put((byte) Integer.parseInt(h.substring(i, i + 2), 16));
    }

    @Test
    void fragmentedJobAddIsReassembledAcrossArbitraryWrites() throws Exception {
        // ATSVC JobAdd stub: null server, AT_INFO {time, days, dow, flags, ptr}, command string
        ByteArrayOutputStream stub = new ByteArrayOutputStream();
        stub.write(le(4).putInt(0).array());
        stub.write(le(16).putInt(3600000).putInt(0).put((byte) 0).put((byte) 0).putShort((short) 0).putInt(0x20000).array());
        stub.write(ndrString("cmd.exe /c whoami > C:\\out.txt"));
        byte[] s = stub.toByteArray();
        int half = 13;
        byte[] f1 = request(0x01, 2, 0, 0, java.util.Arrays.copyOfRange(s, 0, half), s.length);
        byte[] f2 = request(0x02, 2, 0, 0, java.util.Arrays.copyOfRange(s, half, s.length), s.length - half);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(bindAtsvc());
        all.write(f1);
        all.write(f2);
        byte[] bytes = all.toByteArray();
        for (int cut = 1; cut < bytes.length; cut += 7) {
            DcerpcPipe pipe = new DcerpcPipe(new Anomalies());
            SmbMessage carrier = new SmbMessage();
            List<SmbMessage> out = new ArrayList<>();
            pipe.onData(carrier, Flow.TO_SERVER, bytes, 0, cut, out);
            pipe.onData(carrier, Flow.TO_SERVER, bytes, cut, bytes.length - cut, out);
            assertEquals(3, out.size(), "cut " + cut);
            SmbMessage last = out.get(2);
            assertEquals("ATSVC", last.protocol);
            assertEquals("JobAdd request", last.info);
            assertEquals("cmd.exe /c whoami > C:\\out.txt", last.fields.getString("atsvc.atsvc_JobInfo.command"));
            assertEquals(2L, last.fields.getLong("dcerpc.frag_cnt"));
            assertEquals("Request: call_id: 2, Fragment: 1st, opnum: 0, Ctx: 0", out.get(1).info);
        }
    }

    @Test
    void callsAndContextsBeyondThePipesLimitsAreCounted() throws Exception {
        // a bind (call 1, two contexts offered) then four requests, none answered
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(bindTwoContexts());
        for (int call = 2; call <= 5; call++) all.write(request(0x03, call, 0, 0, new byte[8], 8));
        byte[] bytes = all.toByteArray();
        io.smbwatch.config.Limits small = io.smbwatch.config.Limits.defaults()
                .with(io.smbwatch.config.Limit.DCERPC_CALLS, 2).with(io.smbwatch.config.Limit.DCERPC_CONTEXTS, 1);
        for (io.smbwatch.config.Limits l : List.of(io.smbwatch.config.Limits.defaults(), small)) {
            Anomalies an = new Anomalies();
            List<SmbMessage> out = new ArrayList<>();
            new DcerpcPipe(an, l).onData(new SmbMessage(), Flow.TO_SERVER, bytes, 0, bytes.length, out);
            assertEquals(5, out.size());
            boolean capped = l == small;
            assertEquals(capped ? 3 : 0, an.count(io.smbwatch.stats.AnomalyKind.DCERPC_CALL_CAP), an.kept().toString());
            assertEquals(capped ? 1 : 0, an.count(io.smbwatch.stats.AnomalyKind.DCERPC_CONTEXT_CAP), an.kept().toString());
        }
    }

    /** A bind offering ATSVC under contexts 0 and 1. */
    private static byte[] bindTwoContexts() {
        ByteBuffer b = le(16 + 12 + 2 * 44);
        b.put((byte) 5).put((byte) 0).put((byte) 11).put((byte) 3).putInt(0x10);
        b.putShort((short) (16 + 12 + 2 * 44)).putShort((short) 0).putInt(1);
        b.putShort((short) 4280).putShort((short) 4280).putInt(0).put((byte) 2).put(new byte[3]);
        for (int ctx = 0; ctx < 2; ctx++) {
            b.putShort((short) ctx).put((byte) 1).put((byte) 0);
            uuid(b, "1ff70682-0a51-30e8-076d-740be8cee98b");
            b.putShort((short) 1).putShort((short) 0);
            uuid(b, "8a885d04-1ceb-11c9-9fe8-08002b104860");
            b.putInt(2);
        }
        return b.array();
    }
}
