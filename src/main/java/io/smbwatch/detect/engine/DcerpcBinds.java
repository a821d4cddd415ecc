package io.smbwatch.detect.engine;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.config.Limit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What dcerpc.iface and dcerpc.opnum need of one flow: the interface bound on each pipe (FID) a
 * bind names, the major version of each interface bound, and the opnum of each request by call
 * (so that a response matches its request's opnum, as Suricata's transaction does). Bounded by
 * rules.dcerpc-pipes, -versions and -calls (later ones are not remembered, and counted in {@link #refused}).
 */
final class DcerpcBinds {
    /** {@link #opnum} when the message holds no DCERPC request or response. */
    static final int NO_CALL = Integer.MIN_VALUE;

    private final Map<String, String> iface = new HashMap<>();
    private final Map<String, Long> version = new HashMap<>();
    private final Map<String, Integer> opnums = new HashMap<>();
    private final int maxPipes, maxVersions, maxCalls;
    private String lastIface;
    /** Binds or calls not remembered because a cap was reached. */
    long refused;
    private SmbMessage refusedCall;     // each rule asks again: a call is counted once

    DcerpcBinds() {
        this(Limit.RULES_DCERPC_PIPES.defaultInt(), Limit.RULES_DCERPC_VERSIONS.defaultInt(), Limit.RULES_DCERPC_CALLS.defaultInt());
    }

    DcerpcBinds(int maxPipes, int maxVersions, int maxCalls) {
        this.maxPipes = maxPipes;
        this.maxVersions = maxVersions;
        this.maxCalls = maxCalls;
    }

    /** Remembers the interface a bind (or alter context) in m names. */
    void track(SmbMessage m) {
        Object u = m.fields.get("dcerpc.cn_bind_to_uuid");
        if (u == null) return;
        String key = m.fid != null ? m.fid : "";
        if (iface.size() < maxPipes || iface.containsKey(key)) iface.put(key, u.toString().toLowerCase());
        else refused++;
        lastIface = u.toString().toLowerCase();
        List<Object> uuids = m.fields.all("dcerpc.cn_bind_to_uuid"), vers = m.fields.all("dcerpc.cn_bind_if_ver");
        for (int i = 0; i < uuids.size() && i < vers.size(); i++) {
            String uuid = uuids.get(i).toString().toLowerCase();
            if (version.size() < maxVersions || version.containsKey(uuid)) version.put(uuid, ((Number) vers.get(i)).longValue());
            else refused++;
        }
    }

    /** The interface bound on the pipe m uses (else the last one bound on the flow), or null. */
    String bound(SmbMessage m) {
        String b = iface.get(m.fid != null ? m.fid : "");
        return b != null ? b : lastIface;
    }

    /** True when one of the rule's dcerpc.iface entries names the bound interface and its version test holds. */
    boolean ifaceMatches(List<String[]> wanted, String bound) {
        for (String[] i : wanted) if (i[0].equals(bound) && versionOk(i[1], version.get(i[0]))) return true;
        return false;
    }

    /**
     * The opnum of the DCERPC request or response m carries (-1 when a response's request was not
     * seen), or {@link #NO_CALL}. Over TCP the dissector's fields say it; over SMB the PDU at the
     * start of the message's data is read (see {@link SmbBuffers}), a request's opnum remembered.
     */
    int opnum(SmbMessage m) {
        if (m == null) return NO_CALL;
        if (m.payload == null) return tcpOpnum(m);
        // kept on the bytes: app's m.dcerpc list holds the PDUs cut from the pipe's stream, which
        // need not start at this message's data (a PDU split over writes), and its responses name
        // the opnum only when the interface is known (as tshark does), so rules would match elsewhere
        int[] d = SmbBuffers.data(m);
        if (d == null || d[1] < 24) return NO_CALL;
        byte[] b = m.payload;
        int p = m.payloadOff + d[0];
        if (b[p] != 5 || b[p + 1] != 0) return NO_CALL;
        int type = b[p + 2] & 0xff;
        if (type != 0 && type != 2) return NO_CALL;
        boolean little = (b[p + 4] & 0x10) != 0;
        String key = (m.fid != null ? m.fid : "") + "/" + (little ? u32le(b, p + 12) : u32be(b, p + 12));
        if (type == 2) {
            Integer o = opnums.get(key);
            return o == null ? -1 : o;
        }
        int opnum = little ? (b[p + 22] & 0xff) | (b[p + 23] & 0xff) << 8 : (b[p + 23] & 0xff) | (b[p + 22] & 0xff) << 8;
        if (opnums.size() < maxCalls || opnums.containsKey(key)) {
            opnums.put(key, opnum);
        } else if (refusedCall != m) {
            refusedCall = m;
            refused++;
        }
        return opnum;
    }

    /** The opnum of a request or response PDU carried over TCP (from its dissected fields), or {@link #NO_CALL}. */
    static int tcpOpnum(SmbMessage m) {
        Long type = m.fields.getLong("dcerpc.pkt_type");
        if (type == null || (type != 0 && type != 2)) return NO_CALL;
        Long op = m.fields.getLong("dcerpc.opnum");
        return op == null ? -1 : op.intValue();
    }

    /** dcerpc.iface's optional version test ("=1", ">1", "<2", "!3") against the bound major version. */
    static boolean versionOk(String test, Long bound) {
        if (test == null || test.isEmpty() || test.equals("any_frag")) return true;
        if (bound == null) return false;
        char op = test.charAt(0);
        long v;
        try {
            v = Long.parseLong(test.substring(Character.isDigit(op) ? 0 : 1).trim());
        } catch (NumberFormatException e) {
            return true;
        }
        switch (op) {
            case '>': return bound > v;
            case '<': return bound < v;
            case '!': return bound != v;
            default: return bound == v;
        }
    }

    private static long u32le(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
    }

    private static long u32be(byte[] b, int i) {
        return (b[i + 3] & 0xffL) | (b[i + 2] & 0xffL) << 8 | (b[i + 1] & 0xffL) << 16 | (b[i] & 0xffL) << 24;
    }
}
