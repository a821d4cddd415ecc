package io.smbwatch.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The digests of one transfer, fed as its bytes come (Suricata's {@code force-hash}: any of
 * SHA-256, SHA-1, MD5). The leading bytes are kept for {@link MagicType}.
 */
final class Digests {
    /** The hashes a run can compute, by their names in EVE and in the configuration. */
    enum Hash {
        SHA256("SHA-256"), SHA1("SHA-1"), MD5("MD5");

        final String jca;

        Hash(String jca) {
            this.jca = jca;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MessageDigest[] digests;
    private final Hash[] hashes;
    private final byte[] head = new byte[MagicType.HEAD];
    private int headLen;

    Digests(Set<Hash> which) {
        hashes = EnumSet.copyOf(which).toArray(new Hash[0]);
        digests = new MessageDigest[hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            try {
                digests[i] = MessageDigest.getInstance(hashes[i].jca);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);   // every JDK has these three
            }
        }
    }

    /** Hashes b[off, off+len), the bytes that follow those hashed so far; {@code pos} is their file offset. */
    void update(long pos, byte[] b, int off, int len) {
        if (pos == headLen && headLen < head.length) {   // the leading bytes of the file, in order from offset 0
            int c = Math.min(len, head.length - headLen);
            System.arraycopy(b, off, head, headLen, c);
            headLen += c;
        }
        for (MessageDigest d : digests) d.update(b, off, len);
    }

    String magic() {
        return MagicType.of(head, headLen);
    }

    /** The digests in hex, by hash; null where the hash was not asked for. */
    Map<Hash, String> finish() {
        Map<Hash, String> r = new EnumMap<>(Hash.class);
        for (int i = 0; i < hashes.length; i++) r.put(hashes[i], hex(digests[i].digest()));
        return r;
    }

    private static String hex(byte[] d) {
        StringBuilder sb = new StringBuilder(d.length * 2);
        for (byte x : d) sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        return sb.toString();
    }
}
