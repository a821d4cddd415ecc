package io.smbwatch.proto.smb;

/**
 * SMB1 DOS-style status (FLAGS2_NT_STATUS clear): error class + 16-bit code,
 * [MS-CIFS] 2.2.2.4. {@link #name} gives the spec's symbolic name ("ERRbadfile"),
 * {@link #description} and {@link #format} the text tshark 4.0 prints ("Bad userid").
 */
public final class DosError {
    private DosError() {}

    public static final int SUCCESS = 0x00;
    public static final int ERRDOS = 0x01;
    public static final int ERRSRV = 0x02;
    public static final int ERRHRD = 0x03;
    public static final int ERRCMD = 0xFF;

    private static final CodeTable NAMES = CodeTable.of(SpecTables::dosErrors);
    private static final CodeTable TEXTS = CodeTable.of(WiresharkTables::dosErrors);
    private static final CodeTable CLASS_TEXTS = CodeTable.of(WiresharkTables::errorClasses);

    /** "SUCCESS", "ERRDOS", "ERRSRV", "ERRHRD", "ERRCMD", or null. */
    public static String className(int errorClass) {
        switch (errorClass) {
            case SUCCESS: return "SUCCESS";
            case ERRDOS: return "ERRDOS";
            case ERRSRV: return "ERRSRV";
            case ERRHRD: return "ERRHRD";
            case ERRCMD: return "ERRCMD";
            default: return null;
        }
    }

    /** tshark's text for the class ("DOS Error", "Server Error", ...), or null. */
    public static String classDescription(int errorClass) {
        return CLASS_TEXTS.get(errorClass);
    }

    /** [MS-CIFS] symbolic name such as "ERRbadfile" or "ERRbaduid", or null. */
    public static String name(int errorClass, int code) {
        return valid(errorClass, code) ? NAMES.get(key(errorClass, code)) : null;
    }

    /** tshark's text for the pair (e.g. "Bad userid" for ERRSRV/0x5B), or null. */
    public static String description(int errorClass, int code) {
        return valid(errorClass, code) ? TEXTS.get(key(errorClass, code)) : null;
    }

    /**
     * What tshark's Info column shows after ", Error: " for this status, or null
     * for class SUCCESS (tshark then appends nothing). Unknown codes give
     * "Unknown DOS error (%x)", "Unknown SRV error (%x)" or "Unknown HRD error (%x)"
     * (lower-case hex, no padding); other classes give "Unknown error class!".
     */
    public static String format(int errorClass, int code) {
        String text = description(errorClass, code);
        if (text != null) {
            return text;
        }
        switch (errorClass) {
            case SUCCESS: return null;
            case ERRDOS: return "Unknown DOS error (" + Integer.toHexString(code) + ")";
            case ERRSRV: return "Unknown SRV error (" + Integer.toHexString(code) + ")";
            case ERRHRD: return "Unknown HRD error (" + Integer.toHexString(code) + ")";
            default: return "Unknown error class!";
        }
    }

    private static boolean valid(int errorClass, int code) {
        return errorClass >= 0 && errorClass <= 0xFF && code >= 0 && code <= 0xFFFF;
    }

    private static int key(int errorClass, int code) {
        return errorClass << 16 | code;
    }
}
