package io.smbwatch.proto.smb1;

import io.smbwatch.config.Limit;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Stateless parsers of SMB1 command blocks (MS-CIFS §2.2.4, MS-SMB §2.2.4). {@link #block} frames
 * one command block; each {@code parse*} takes that block and returns a record, or null when the
 * parameter words are too few for the command's fixed part. Offsets inside a message count from
 * its SMB header; every one is checked against the message. Transactions are in
 * {@link Smb1TransParser}.
 */
public final class Smb1Parser {
    private Smb1Parser() {}


    /**
     * Frames the command block whose WordCount byte is at {@code at}; null when WordCount or
     * ByteCount lie past the message. A ByteCount larger than the rest of the message is clipped
     * and flagged.
     */
    public static Block block(byte[] b, int msgOff, int msgLen, int at) {
        int end = Math.min(msgOff + msgLen, b.length);
        if (at < msgOff || at >= end) return null;
        int wc = b[at] & 0xff;
        int bccAt = at + 1 + 2 * wc;
        if (bccAt + 2 > end) return null;
        int bcc = Smb1Header.le16(b, bccAt);
        int bytes = bccAt + 2;
        boolean tooLarge = bytes + bcc > end;
        return new Block(msgOff, end, at, wc, at + 1, bcc, bytes, tooLarge ? end : bytes + bcc, tooLarge);
    }

    private static Smb1Reader bytes(byte[] b, Block k, boolean unicode) {
        return new Smb1Reader(b, k.msgOff(), k.bytes(), k.bytesEnd(), unicode);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int u16(byte[] b, int i) {
        return Smb1Header.le16(b, i);
    }

    private static int s32(byte[] b, int i) {
        return Smb1Header.le32(b, i);
    }

    private static long u32(byte[] b, int i) {
        return Smb1Header.le32(b, i) & 0xffffffffL;
    }

    /** §2.2.4.52.1: BufferFormat 0x02 + OEM dialect string, repeated. */
    public static NegotiateRequest parseNegotiateRequest(byte[] b, Block k) {
        Smb1Reader r = bytes(b, k, false);
        List<String> dialects = new ArrayList<>();
        while (r.remaining() > 0 && dialects.size() < Limit.SMB1_DIALECTS.defaultInt()) {
            int format = r.u8();
            if (format != 0x02 && r.problem == null) r.problem = "dialect buffer format 0x" + Integer.toHexString(format);
            String d = r.oem();
            if (d == null) break;
            dialects.add(d);
        }
        return new NegotiateRequest(dialects, r.problem);
    }

    /** §2.2.4.52.2 (WordCount 17 NT LM 0.12, 13 LANMAN, 1 core). */
    public static NegotiateResponse parseNegotiateResponse(byte[] b, Block k, boolean unicode) {
        if (k.wc() < 1) return null;
        int w = k.words();
        int index = u16(b, w);
        if (k.wc() == 17) {
            int mode = u8(b, w + 2);
            int caps = s32(b, w + 19);
            int challengeLength = u8(b, w + 33);
            Smb1Reader r = bytes(b, k, unicode);
            if ((caps & NegotiateResponse.CAP_EXTENDED_SECURITY) != 0) {
                r.skip(16);  // ServerGUID
                return new NegotiateResponse(17, index, mode, caps, r.pos(), r.remaining(), null, null, r.problem);
            }
            r.skip(challengeLength);
            String domain = r.remaining() > 0 ? r.string() : null;
            String server = r.remaining() > 0 ? r.string() : null;
            return new NegotiateResponse(17, index, mode, caps, 0, 0, domain, server, r.problem);
        }
        if (k.wc() == 13) return new NegotiateResponse(13, index, u16(b, w + 2), 0, 0, 0, null, null, null);
        return new NegotiateResponse(k.wc(), index, 0, 0, 0, 0, null, null, null);
    }

    /** §2.2.4.53.1 (WordCount 13 or 10) and MS-SMB §2.2.4.6.1 (WordCount 12, extended security). */
    public static SessionSetupRequest parseSessionSetupRequest(byte[] b, Block k, boolean unicode) {
        int w = k.words();
        Smb1Reader r = bytes(b, k, unicode);
        if (k.wc() == 12) {
            int blobLen = u16(b, w + 14);
            int caps = s32(b, w + 20);
            int blobOff = r.pos();
            if (blobLen > r.remaining()) {
                r.problem = "SecurityBlobLength " + blobLen + " larger than the Bytes block";
                blobLen = r.remaining();
            }
            r.skip(blobLen);
            String os = r.remaining() > 0 ? r.string() : null;
            String lanman = r.remaining() > 0 ? r.string() : null;
            return new SessionSetupRequest(true, caps, blobOff, blobLen, 0, 0, null, null, os, lanman, r.problem);
        }
        int oemLen, uniLen, caps;
        if (k.wc() == 13) {
            oemLen = u16(b, w + 14);
            uniLen = u16(b, w + 16);
            caps = s32(b, w + 22);
        } else if (k.wc() == 10) {
            oemLen = u16(b, w + 14);
            uniLen = 0;
            caps = 0;
        } else {
            return null;
        }
        if (oemLen + uniLen > r.remaining()) r.problem = "password lengths larger than the Bytes block";
        r.skip(Math.min(oemLen + uniLen, r.remaining()));
        String account = r.remaining() > 0 ? r.string() : "";
        String domain = r.remaining() > 0 ? r.string() : "";
        String os = r.remaining() > 0 ? r.string() : null;
        String lanman = r.remaining() > 0 ? r.string() : null;
        return new SessionSetupRequest(false, caps, 0, 0, oemLen, uniLen, account, domain, os, lanman, r.problem);
    }

    /** §2.2.4.53.2 (WordCount 3) and MS-SMB §2.2.4.6.2 (WordCount 4). */
    public static SessionSetupResponse parseSessionSetupResponse(byte[] b, Block k, boolean unicode) {
        if (k.wc() < 3) return null;
        int w = k.words();
        int action = u16(b, w + 4);
        Smb1Reader r = bytes(b, k, unicode);
        int blobOff = 0, blobLen = 0;
        if (k.wc() >= 4) {
            blobLen = u16(b, w + 6);
            blobOff = r.pos();
            if (blobLen > r.remaining()) {
                r.problem = "SecurityBlobLength " + blobLen + " larger than the Bytes block";
                blobLen = r.remaining();
            }
            r.skip(blobLen);
        }
        String os = r.remaining() > 0 ? r.string() : null;
        String lanman = r.remaining() > 0 ? r.string() : null;
        String domain = r.remaining() > 0 ? r.string() : null;
        return new SessionSetupResponse(action, blobOff, blobLen, os, lanman, domain, r.problem);
    }

    /** §2.2.4.55.1. */
    public static TreeConnectRequest parseTreeConnectRequest(byte[] b, Block k, boolean unicode) {
        if (k.wc() < 4) return null;
        int w = k.words();
        int pwLen = u16(b, w + 6);
        Smb1Reader r = bytes(b, k, unicode);
        if (pwLen > r.remaining()) r.problem = "PasswordLength " + pwLen + " larger than the Bytes block";
        r.skip(Math.min(pwLen, r.remaining()));
        String path = r.string();
        String service = r.remaining() > 0 ? r.oem() : null;
        return new TreeConnectRequest(u16(b, w + 4), path, service, r.problem);
    }

    /** §2.2.4.55.2 (WordCount 3) and MS-SMB §2.2.4.7.2 (WordCount 7). */
    public static TreeConnectResponse parseTreeConnectResponse(byte[] b, Block k, boolean unicode) {
        if (k.wc() < 3) return null;
        Smb1Reader r = bytes(b, k, unicode);
        String service = r.remaining() > 0 ? r.oem() : null;
        String fs = r.remaining() > 0 ? r.string() : null;
        return new TreeConnectResponse(u16(b, k.words() + 4), service, fs, r.problem);
    }

    /** §2.2.4.64.1. The name is NameLength bytes after the alignment pad. */
    public static NtCreateRequest parseNtCreateRequest(byte[] b, Block k, boolean unicode) {
        if (k.wc() < 24) return null;
        int w = k.words();
        int nameLen = u16(b, w + 5);
        Smb1Reader r = bytes(b, k, unicode);
        String name = r.string(nameLen);
        return new NtCreateRequest(name, s32(b, w + 7), s32(b, w + 11), s32(b, w + 15), s32(b, w + 27),
                s32(b, w + 31), s32(b, w + 35), s32(b, w + 39), r.problem);
    }

    /** §2.2.4.64.2 (WordCount 34) and MS-SMB §2.2.4.9.2 (WordCount 42). */
    public static NtCreateResponse parseNtCreateResponse(byte[] b, Block k) {
        if (k.wc() < 34) return null;
        int w = k.words();
        long eof = u32(b, w + 55) | (u32(b, w + 59) << 32);
        return new NtCreateResponse(u8(b, w + 4), u16(b, w + 5), s32(b, w + 7), eof, s32(b, w + 43),
                u16(b, w + 63), u8(b, w + 67) != 0);
    }

    /** §2.2.4.41.1. */
    public static OpenRequest parseOpenRequest(byte[] b, Block k, boolean unicode) {
        if (k.wc() < 15) return null;
        int w = k.words();
        Smb1Reader r = bytes(b, k, unicode);
        String name = r.string();
        return new OpenRequest(name, u16(b, w + 4), u16(b, w + 6), u16(b, w + 16), r.problem);
    }

    /** §2.2.4.41.2. */
    public static OpenResponse parseOpenResponse(byte[] b, Block k) {
        if (k.wc() < 15) return null;
        int w = k.words();
        return new OpenResponse(u16(b, w + 4), u16(b, w + 6), u32(b, w + 12), u16(b, w + 16), u16(b, w + 18),
                u16(b, w + 22));
    }

    /**
     * §2.2.4.42.1 (WordCount 10 or 12). MaxCountHigh (MS-SMB §2.2.4.2.1, the old Timeout field)
     * extends the count unless it is 0xFFFFFFFF.
     */
    public static ReadRequest parseReadRequest(byte[] b, Block k) {
        if (k.wc() < 10) return null;
        int w = k.words();
        long offset = u32(b, w + 6);
        if (k.wc() >= 12) offset |= u32(b, w + 20) << 32;
        long high = u32(b, w + 14);
        if (high == 0xffffffffL) high = 0;
        long max = (high << 16 | u16(b, w + 10)) & 0xffffffffL;
        return new ReadRequest(u16(b, w + 4), offset, max);
    }

    /** §2.2.4.42.2 with MS-SMB's DataLengthHigh. */
    public static ReadResponse parseReadResponse(byte[] b, Block k) {
        if (k.wc() < 12) return null;
        int w = k.words();
        long len = (long) u16(b, w + 14) << 16 | u16(b, w + 10);
        int dataOff = k.msgOff() + u16(b, w + 12);
        String bad = null;
        if (len > 0 && (dataOff < k.bytes() || dataOff + len > k.msgEnd())) bad = "DataOffset/DataLength outside the message";
        return new ReadResponse(len, dataOff, bad);
    }

    /** §2.2.4.43.1 (WordCount 12 or 14). */
    public static WriteRequest parseWriteRequest(byte[] b, Block k) {
        if (k.wc() < 12) return null;
        int w = k.words();
        long offset = u32(b, w + 6);
        if (k.wc() >= 14) offset |= u32(b, w + 24) << 32;
        long len = (long) u16(b, w + 18) << 16 | u16(b, w + 20);
        int dataOff = k.msgOff() + u16(b, w + 22);
        String bad = null;
        if (len > 0 && (dataOff < k.bytes() || dataOff + len > k.msgEnd())) bad = "DataOffset/DataLength outside the message";
        return new WriteRequest(u16(b, w + 4), offset, len, dataOff, u16(b, w + 14), bad);
    }

    /** §2.2.4.43.2 with MS-SMB's CountHigh. */
    public static WriteResponse parseWriteResponse(byte[] b, Block k) {
        if (k.wc() < 6) return null;
        int w = k.words();
        return new WriteResponse((long) u16(b, w + 8) << 16 | u16(b, w + 4));
    }

    /** A FID in parameter word {@code word} (0 for Close, Flush, Read, Write, ...; 2 for Locking AndX). */
    public static FidRequest parseFid(Block k, byte[] b, int word) {
        if (k.wc() <= word) return null;
        return new FidRequest(k.word(b, word));
    }

    /**
     * Commands whose Bytes block is BufferFormat 0x04 + a file name (§2.2.4.1 Create Directory,
     * §2.2.4.7 Delete, §2.2.4.9 Query Information, Open, Create, Check Directory, ...).
     */
    public static PathRequest parsePathRequest(byte[] b, Block k, boolean unicode) {
        Smb1Reader r = bytes(b, k, unicode);
        if (r.remaining() < 1) return new PathRequest(null, "no file name");
        int format = r.u8();
        if (format != 0x04) r.problem = "buffer format 0x" + Integer.toHexString(format) + " before a file name";
        String path = r.string();
        return new PathRequest(path, r.problem);
    }
}
