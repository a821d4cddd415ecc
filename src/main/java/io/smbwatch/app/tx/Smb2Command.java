package io.smbwatch.app.tx;

/** SMB2 commands ([MS-SMB2] 2.2.1.2), by their spec names. */
public enum Smb2Command implements SmbCommand {
    NEGOTIATE, SESSION_SETUP, LOGOFF, TREE_CONNECT, TREE_DISCONNECT, CREATE, CLOSE, FLUSH, READ, WRITE, LOCK,
    IOCTL, CANCEL, ECHO, QUERY_DIRECTORY, CHANGE_NOTIFY, QUERY_INFO, SET_INFO, OPLOCK_BREAK,
    SERVER_TO_CLIENT_NOTIFICATION;

    private static final Smb2Command[] BY_CODE = values();

    @Override
    public int code() {
        return ordinal();
    }

    /** The command of a code, or null for a code without a name. */
    public static Smb2Command of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
