package io.smbwatch.detect.builtin;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.Smb1Command;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.DetectorConfig;
import java.util.List;
import java.util.Map;

/**
 * SMB1 Transaction requests (SMB_COM_TRANSACTION, MS-CIFS §2.2.4.33.1) whose Name really runs past
 * the message: no NUL terminator before the end of the Bytes block, or parameter/data offsets and
 * counts pointing outside the message. The check reads the message's own fields, so a well-formed
 * Unicode name with its alignment pad (Mac OS X's clients send one) stays silent, unlike pattern
 * signatures that look for a terminator at a fixed distance.
 */
public final class TransNameOverflow implements MessageListener {
    public static final String ID = "trans-name-overflow";

    private final DetectionSink sink;

    public TransNameOverflow(DetectorConfig c, DetectionSink sink) {
        this.sink = sink;
    }

    @Override
    public void onMessage(SmbMessage m) {
        if (m.response || !m.protocol.equals(SmbMessage.SMB) || Smb1Command.of(m.command) != Smb1Command.TRANSACTION
                || m.payload == null) return;
        if (m.truncated) return;   // only part of the message was seen: nothing can be said of its end
        String problem = check(m.payload, m.payloadOff, m.payloadLen);
        if (problem == null) return;
        sink.onDetection(Evidence.of(ID, "SMB Transaction name overflow", 2, m, List.of(m.frame),
                "Transaction request in frame " + m.frame + ": " + problem, Map.of()));
    }

    /** Why the Transaction request at b[off, off+len) is overlong, or null when it is well-formed. */
    static String check(byte[] b, int off, int len) {
        int block = off + 32;
        int end = off + len;
        if (block >= end) return null;                     // header only: a malformed message, not this
        int wc = b[block] & 0xff;
        int words = block + 1;
        int bcAt = words + 2 * wc;
        if (wc < 14 || bcAt + 2 > end) return null;        // not a Transaction request body we can judge
        int byteCount = (b[bcAt] & 0xff) | (b[bcAt + 1] & 0xff) << 8;
        int bytes = bcAt + 2;
        int bytesEnd = bytes + byteCount;
        if (bytesEnd > end) {
            return "ByteCount " + byteCount + " runs " + (bytesEnd - end) + " bytes past the end of the message";
        }
        int pCount = u16(b, words + 18), pOff = u16(b, words + 20);
        int dCount = u16(b, words + 22), dOff = u16(b, words + 24);
        if (pCount > 0 && pOff + pCount > len) return "ParameterOffset " + pOff + " + ParameterCount " + pCount
                + " points past the message (" + len + " bytes)";
        if (dCount > 0 && dOff + dCount > len) return "DataOffset " + dOff + " + DataCount " + dCount
                + " points past the message (" + len + " bytes)";
        boolean unicode = (u16(b, off + 10) & 0x8000) != 0;
        int p = bytes;
        if (unicode && ((p - off) & 1) != 0) p++;          // the pad that aligns a Unicode name
        int limit = bytesEnd;
        if (pCount > 0 && off + pOff > p) limit = Math.min(limit, off + pOff);   // the name ends before the parameters
        if (unicode) {
            for (; p + 1 < limit; p += 2) if (b[p] == 0 && b[p + 1] == 0) return null;
        } else {
            for (; p < limit; p++) if (b[p] == 0) return null;
        }
        return "the Name has no NUL terminator within the " + (limit - bytes) + " bytes before "
                + (limit == bytesEnd ? "the end of ByteCount" : "the parameters") + " (Flags2 "
                + (unicode ? "Unicode" : "OEM") + ")";
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }
}
