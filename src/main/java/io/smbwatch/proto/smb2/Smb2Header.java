package io.smbwatch.proto.smb2;

import io.smbwatch.config.Limit;
/** SMB2 packet header, sync and async forms (MS-SMB2 §2.2.1), read in place. */
public final class Smb2Header {
    public static final int SIZE = 64;
    public static final int FLAG_RESPONSE = 0x1;
    public static final int FLAG_ASYNC = 0x2;
    public static final int FLAG_RELATED = 0x4;
    public static final int FLAG_SIGNED = 0x8;

    public int creditCharge;
    public int status;
    public int command;
    public int credits;
    public int flags;
    public int nextCommand;
    public long messageId;
    public long asyncId;
    public int treeId;
    public long sessionId;

    /** Reads a header at {@code off} with {@code len} bytes available; false if not an SMB2 header. */
    public boolean parse(byte[] b, int off, int len) {
        if (len < SIZE || (b[off] & 0xff) != 0xfe || b[off + 1] != 'S' || b[off + 2] != 'M' || b[off + 3] != 'B') {
            return false;
        }
        creditCharge = le16(b, off + 6);
        status = le32(b, off + 8);
        command = le16(b, off + 12);
        credits = le16(b, off + 14);
        flags = le32(b, off + 16);
        nextCommand = le32(b, off + 20);
        messageId = le64(b, off + 24);
        if ((flags & FLAG_ASYNC) != 0) {
            asyncId = le64(b, off + 32);
            treeId = 0;
        } else {
            asyncId = 0;
            treeId = le32(b, off + 36);
        }
        sessionId = le64(b, off + 40);
        return true;
    }

    public boolean isResponse() {
        return (flags & FLAG_RESPONSE) != 0;
    }

    public static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    public static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    public static long le64(byte[] b, int i) {
        return (le32(b, i) & 0xffffffffL) | ((long) le32(b, i + 4)) << 32;
    }
}
