package io.smbwatch.proto.smb2;

import java.util.List;

/** Parsed SMB2 command bodies (MS-SMB2 §2.2). FileIds are kept as their two 64-bit halves. */
public final class Smb2Records {
    private Smb2Records() {}

    /** §2.2.3 and §2.2.4. For a request, {@code dialects} lists the offered dialects. */
    public record Negotiate(List<Integer> dialects, int dialect, int securityMode, int capabilities,
                            int blobOffset, int blobLength, int contextCount, String guid,
                            int maxTransact, int maxRead, int maxWrite) {}

    /** §2.2.5 and §2.2.6: the security blob's position in the message. */
    public record SessionSetup(int flags, int blobOffset, int blobLength, long previousSessionId) {}

    /** §2.2.9. */
    public record TreeConnectRequest(String path) {}

    /** §2.2.10. */
    public record TreeConnectResponse(int shareType, int shareFlags, int capabilities, int maximalAccess) {}

    /** §2.2.13. */
    public record CreateRequest(String name, int oplock, int impersonation, int desiredAccess, int fileAttributes,
                                int shareAccess, int disposition, int options, List<String> contexts) {}

    /** §2.2.14. */
    public record CreateResponse(int oplock, int createAction, long creationTime, long lastAccessTime,
                                 long lastWriteTime, long changeTime, long endOfFile, int fileAttributes,
                                 long fileIdPersistent, long fileIdVolatile, List<String> contexts) {}

    /** Any request that names an open file: Close, Flush, Read, Write, Lock, Ioctl, Query/Set Info, Find, Notify, Break. */
    public record FileRef(long fileIdPersistent, long fileIdVolatile) {}

    /** §2.2.19 and §2.2.21: length and offset of the read or write; data position for writes. */
    public record ReadWriteRequest(FileRef file, int length, long offset, int dataOffset, int dataLength) {}

    /** §2.2.20: data position and length in a read response. */
    public record ReadResponse(int dataOffset, int dataLength, int dataRemaining) {}

    /** §2.2.22. */
    public record WriteResponse(int count) {}

    /** §2.2.31 and §2.2.32. */
    public record Ioctl(int ctlCode, FileRef file, int inputOffset, int inputCount, int outputOffset, int outputCount,
                        int flags) {}

    /** §2.2.33. */
    public record QueryDirectoryRequest(FileRef file, int infoClass, int flags, String pattern) {}

    /** §2.2.37 and §2.2.39. */
    public record InfoRequest(FileRef file, int infoType, int infoClass, int additional, int bufferOffset,
                              int bufferLength) {}
}
