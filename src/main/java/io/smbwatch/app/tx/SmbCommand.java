package io.smbwatch.app.tx;

/**
 * An SMB command of one dialect family. Open: a number without a constant (a reserved or vendor
 * code) has no enum value, and {@link SmbTransaction#code()} keeps it as a number.
 */
public sealed interface SmbCommand permits Smb1Command, Smb2Command {
    /** The wire code. */
    int code();
}
