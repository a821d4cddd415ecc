package io.smbwatch.app.tx;

/** SMB1 commands ([MS-CIFS] 2.2.2.1), by their spec names without "SMB_COM_". */
public enum Smb1Command implements SmbCommand {
    CREATE_DIRECTORY(0x00), DELETE_DIRECTORY(0x01), OPEN(0x02), CREATE(0x03), CLOSE(0x04), FLUSH(0x05),
    DELETE(0x06), RENAME(0x07), QUERY_INFORMATION(0x08), SET_INFORMATION(0x09), READ(0x0A), WRITE(0x0B),
    LOCK_BYTE_RANGE(0x0C), UNLOCK_BYTE_RANGE(0x0D), CREATE_TEMPORARY(0x0E), CREATE_NEW(0x0F),
    CHECK_DIRECTORY(0x10), PROCESS_EXIT(0x11), SEEK(0x12), LOCK_AND_READ(0x13), WRITE_AND_UNLOCK(0x14),
    READ_RAW(0x1A), READ_MPX(0x1B), WRITE_RAW(0x1D), WRITE_MPX(0x1E), WRITE_COMPLETE(0x20),
    SET_INFORMATION2(0x22), QUERY_INFORMATION2(0x23), LOCKING_ANDX(0x24), TRANSACTION(0x25),
    TRANSACTION_SECONDARY(0x26), IOCTL(0x27), IOCTL_SECONDARY(0x28), COPY(0x29), MOVE(0x2A), ECHO(0x2B),
    WRITE_AND_CLOSE(0x2C), OPEN_ANDX(0x2D), READ_ANDX(0x2E), WRITE_ANDX(0x2F), CLOSE_AND_TREE_DISC(0x31),
    TRANSACTION2(0x32), TRANSACTION2_SECONDARY(0x33), FIND_CLOSE2(0x34), FIND_NOTIFY_CLOSE(0x35),
    TREE_CONNECT(0x70), TREE_DISCONNECT(0x71), NEGOTIATE(0x72), SESSION_SETUP_ANDX(0x73), LOGOFF_ANDX(0x74),
    TREE_CONNECT_ANDX(0x75), SECURITY_PACKAGE_ANDX(0x7E), QUERY_INFORMATION_DISK(0x80), SEARCH(0x81),
    FIND(0x82), FIND_UNIQUE(0x83), FIND_CLOSE(0x84), NT_TRANSACT(0xA0), NT_TRANSACT_SECONDARY(0xA1),
    NT_CREATE_ANDX(0xA2), NT_CANCEL(0xA4), NT_RENAME(0xA5), OPEN_PRINT_FILE(0xC0), WRITE_PRINT_FILE(0xC1),
    CLOSE_PRINT_FILE(0xC2), GET_PRINT_QUEUE(0xC3);

    private static final Smb1Command[] BY_CODE = new Smb1Command[256];

    static {
        for (Smb1Command c : values()) BY_CODE[c.code] = c;
    }

    private final int code;

    Smb1Command(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The command of a code, or null for a code without a name. */
    public static Smb1Command of(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
