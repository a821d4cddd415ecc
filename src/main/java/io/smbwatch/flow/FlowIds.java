package io.smbwatch.flow;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The ids other tools join a flow's records on. {@link #eveId}: EVE's flow_id, a hash of the
 * 5-tuple and the first packet's time, so that two runs or two sensors give the same flow the
 * same id and different flows different ones (a counter restarts at 1 in every run). Kept under
 * 2^53 like Suricata's, so that JavaScript-based consumers (Kibana) read it exactly.
 * {@link #communityId}: the Community ID flow hash, version 1 (corelight/community-id-spec), as
 * Suricata and Zeek write it.
 */
public final class FlowIds {
    private FlowIds() {}

    private static final long JS_SAFE = (1L << 53) - 1;

    /** EVE flow_id of a flow: positive, below 2^53, the same however flows are sharded. */
    static long eveId(Flow f) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) f.ipVersion).put((byte) f.protocol);
        b.putLong(f.clientHi).putLong(f.clientLo).putShort((short) f.clientPort);
        b.putLong(f.serverHi).putLong(f.serverLo).putShort((short) f.serverPort);
        b.putLong(f.firstSeconds).putInt(f.firstNanos);
        byte[] d = sha1().digest(Arrays.copyOf(b.array(), b.position()));
        long id = ByteBuffer.wrap(d).getLong() & JS_SAFE;
        return id == 0 ? 1 : id;
    }

    /** Community ID v1 of a flow (seed 0), from its client → server tuple. */
    static String communityId(Flow f) {
        return communityId(bytes(f.ipVersion, f.clientHi, f.clientLo), bytes(f.ipVersion, f.serverHi, f.serverLo),
                f.protocol, f.clientPort, f.serverPort, 0);
    }

    /**
     * Community ID v1: "1:" + base64(SHA-1(seed, src, dst, proto, 0, sport, dport)), the
     * endpoints ordered so that the lower (address, then port) comes first: both directions of a
     * flow give the same id. Addresses are 4 or 16 bytes in network order; integers big-endian.
     */
    public static String communityId(byte[] src, byte[] dst, int proto, int sport, int dport, int seed) {
        int c = Arrays.compareUnsigned(src, dst);
        if (c > 0 || c == 0 && sport > dport) {
            byte[] t = src; src = dst; dst = t;
            int p = sport; sport = dport; dport = p;
        }
        ByteBuffer b = ByteBuffer.allocate(2 + 2 * src.length + 2 + 4);
        b.putShort((short) seed).put(src).put(dst).put((byte) proto).put((byte) 0);
        b.putShort((short) sport).putShort((short) dport);
        return "1:" + Base64.getEncoder().encodeToString(sha1().digest(b.array()));
    }

    /**
     * Community ID v1 of endpoints given as text (IPv4 dotted or IPv6 as this program writes
     * them), or null when an address is not one.
     */
    public static String communityId(String src, int sport, String dst, int dport, int proto) {
        byte[] s = parse(src), d = parse(dst);
        return s == null || d == null || s.length != d.length ? null : communityId(s, d, proto, sport, dport, 0);
    }

    /** An address kept as (hi, lo) longs, in network order. */
    static byte[] bytes(int version, long hi, long lo) {
        if (version == 4) return ByteBuffer.allocate(4).putInt((int) lo).array();
        return ByteBuffer.allocate(16).putLong(hi).putLong(lo).array();
    }

    /** Bytes of an IPv4 or IPv6 literal; null for anything else (never a name lookup). */
    static byte[] parse(String a) {
        if (a == null || a.isEmpty() || a.length() > 45) return null;
        if (a.indexOf(':') < 0) {
            String[] p = a.split("\\.", -1);
            if (p.length != 4) return null;
            byte[] r = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) return null;
                int v = Integer.parseInt(p[i]);
                if (v > 255) return null;
                r[i] = (byte) v;
            }
            return r;
        }
        for (int i = 0; i < a.length(); i++) {
            char ch = a.charAt(i);
            if (!(ch == ':' || ch == '.' || Character.digit(ch, 16) >= 0)) return null;
        }
        try {
            byte[] r = java.net.InetAddress.getByName(a).getAddress();   // a literal: no lookup
            return r.length == 16 ? r : null;
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
