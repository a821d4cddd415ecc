package io.smbwatch.proto.smb1;

import java.util.List;

/**
 * Parsed SMB1 command blocks (MS-CIFS §2.2.4, MS-SMB §2.2.4). Offsets of blobs and data are
 * absolute offsets into the buffer. {@code malformed} (where present) names the first field that
 * pointed outside the message or held bad bytes; the record then holds what could be read.
 */
public final class Smb1Records {
    private Smb1Records() {}

    /**
     * One command block: WordCount at {@code at}, the words at {@code words}, ByteCount and the
     * bytes from {@code bytes} to {@code bytesEnd} (clipped to the message; {@code bccTooLarge}
     * when ByteCount claimed more).
     */
    public record Block(int msgOff, int msgEnd, int at, int wc, int words, int bcc, int bytes, int bytesEnd,
                        boolean bccTooLarge) {
        public int word(byte[] b, int i) {
            return Smb1Header.le16(b, words + 2 * i);
        }
    }

    /** §2.2.4.52.1: the dialect strings offered. */
    public record NegotiateRequest(List<String> dialects, String malformed) {}

    /**
     * §2.2.4.52.2 / MS-SMB §2.2.4.5.2: chosen dialect index (0xFFFF: none), security mode,
     * capabilities, and the security blob when extended security is negotiated.
     */
    public record NegotiateResponse(int wordCount, int dialectIndex, int securityMode, int capabilities,
                                    int blobOffset, int blobLength, String domain, String server, String malformed) {
        public static final int CAP_EXTENDED_SECURITY = 0x80000000;
    }

    /**
     * §2.2.4.53.1 (LM/NTLM password form: {@code extended} false, user/domain set) and
     * MS-SMB §2.2.4.6.1 (extended security: the blob position).
     */
    public record SessionSetupRequest(boolean extended, int capabilities, int blobOffset, int blobLength,
                                      int oemPasswordLength, int unicodePasswordLength, String account,
                                      String domain, String nativeOs, String nativeLanMan, String malformed) {}

    /** §2.2.4.53.2 / MS-SMB §2.2.4.6.2. */
    public record SessionSetupResponse(int action, int blobOffset, int blobLength, String nativeOs,
                                       String nativeLanMan, String domain, String malformed) {}

    /** §2.2.4.55.1: Path is in the message's character set, Service always OEM. */
    public record TreeConnectRequest(int flags, String path, String service, String malformed) {}

    /** §2.2.4.55.2 / MS-SMB §2.2.4.7.2. */
    public record TreeConnectResponse(int optionalSupport, String service, String nativeFileSystem, String malformed) {}

    /** §2.2.4.64.1. */
    public record NtCreateRequest(String name, int flags, int rootFid, int desiredAccess, int fileAttributes,
                                  int shareAccess, int disposition, int options, String malformed) {}

    /** §2.2.4.64.2 / MS-SMB §2.2.4.9.2. */
    public record NtCreateResponse(int oplockLevel, int fid, int createAction, long endOfFile, int fileAttributes,
                                   int resourceType, boolean directory) {}

    /** §2.2.4.41.1. */
    public record OpenRequest(String name, int flags, int accessMode, int openMode, String malformed) {}

    /** §2.2.4.41.2. */
    public record OpenResponse(int fid, int fileAttributes, long dataSize, int accessRights, int resourceType,
                               int openResults) {}

    /** §2.2.4.42.1: {@code maxCount} combines MaxCountOfBytesToReturn with MaxCountHigh. */
    public record ReadRequest(int fid, long offset, long maxCount) {}

    /** §2.2.4.42.2. */
    public record ReadResponse(long dataLength, int dataOffset, String malformed) {}

    /** §2.2.4.43.1. */
    public record WriteRequest(int fid, long offset, long dataLength, int dataOffset, int writeMode, String malformed) {}

    /** §2.2.4.43.2. */
    public record WriteResponse(long count) {}

    /** Close (§2.2.4.5.1), Flush, Locking AndX (§2.2.4.32.1), Find Close2 and the like: the FID. */
    public record FidRequest(int fid) {}

    /** Commands whose request names a path in its Bytes block (Query Information, Delete, Open, ...). */
    public record PathRequest(String path, String malformed) {}
}
