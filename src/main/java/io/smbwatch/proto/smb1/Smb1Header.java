package io.smbwatch.proto.smb1;

import io.smbwatch.config.Limit;
/**
 * SMB1 header (MS-CIFS §2.2.3.1), read in place. {@link #parse} checks only what it needs to
 * read the header; command blocks are walked with {@link #nextBlock}.
 */
public final class Smb1Header {
    public static final int SIZE = 32;
    public static final int FLAGS_REPLY = 0x80;
    public static final int FLAGS2_UNICODE = 0x8000;
    public static final int FLAGS2_NT_STATUS = 0x4000;

    public int command;
    /** NT status, or for DOS errors (class << 16 | code) as MS-CIFS lays them out. */
    public int status;
    public int flags;
    public int flags2;
    public int tid, pid, uid, mid;

    /** Reads the header of a message that starts at {@code off}; false if too short or not SMB1. */
    public boolean parse(byte[] b, int off, int len) {
        if (len < SIZE || (b[off] & 0xff) != 0xff || b[off + 1] != 'S' || b[off + 2] != 'M' || b[off + 3] != 'B') {
            return false;
        }
        command = b[off + 4] & 0xff;
        status = le32(b, off + 5);
        flags = b[off + 9] & 0xff;
        flags2 = le16(b, off + 10);
        tid = le16(b, off + 24);
        pid = le16(b, off + 26) | le16(b, off + 12) << 16;
        uid = le16(b, off + 28);
        mid = le16(b, off + 30);
        return true;
    }

    public boolean isResponse() {
        return (flags & FLAGS_REPLY) != 0;
    }

    public boolean unicode() {
        return (flags2 & FLAGS2_UNICODE) != 0;
    }

    public boolean ntStatus() {
        return (flags2 & FLAGS2_NT_STATUS) != 0;
    }


    public static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    public static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }
}
