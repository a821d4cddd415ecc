package io.smbwatch.proto.smb;

/**
 * SMB2 QUERY_INFO/SET_INFO InfoType and FileInfoClass ([MS-SMB2] 2.2.37, [MS-FSCC]
 * 2.4/2.5) and QUERY_DIRECTORY classes, named as tshark 4.0 names them
 * ("FILE_INFO", "SMB2_FILE_ALL_INFO", "FileFsSizeInformation", "SMB2_FIND_NAME_INFO").
 */
public final class Smb2InfoLevels {
    private Smb2InfoLevels() {}

    public static final int INFO_FILE = 0x01;
    public static final int INFO_FILESYSTEM = 0x02;
    public static final int INFO_SECURITY = 0x03;
    public static final int INFO_QUOTA = 0x04;

    private static final CodeTable TYPES = CodeTable.of(WiresharkTables::smb2InfoTypes);
    private static final CodeTable TYPES_FORMAL = CodeTable.of(SpecTables::smb2InfoTypes);
    private static final CodeTable FILE = CodeTable.of(WiresharkTables::smb2FileInfoLevels);
    private static final CodeTable FS = CodeTable.of(WiresharkTables::smb2FsInfoLevels);
    private static final CodeTable SEC = CodeTable.of(WiresharkTables::smb2SecInfoLevels);
    private static final CodeTable FIND = CodeTable.of(WiresharkTables::smb2FindLevels);
    private static final CodeTable FSCC_FILE = CodeTable.of(SpecTables::fileInformationClasses);
    private static final CodeTable FSCC_FS = CodeTable.of(SpecTables::fsInformationClasses);

    /** Precomputed display strings for info types 0..4 and levels 0..255. */
    private static final String[][] DISPLAY = new String[5][256];

    static {
        for (int type = 0; type < DISPLAY.length; type++) {
            for (int level = 0; level < 256; level++) {
                DISPLAY[type][level] = compose(type, level);
            }
        }
    }

    /** tshark's name for InfoType: "FILE_INFO", "FS_INFO", "SEC_INFO", "QUOTA_INFO", or null. */
    public static String infoTypeName(int infoType) {
        return TYPES.get(infoType);
    }

    /** [MS-SMB2] name: "SMB2_0_INFO_FILE", ... or null. */
    public static String infoTypeFormalName(int infoType) {
        return TYPES_FORMAL.get(infoType);
    }

    /**
     * tshark's name for the class within {@code infoType}: SMB2_FILE_* for FILE_INFO,
     * FileFs*Information for FS_INFO, "SMB2_SEC_INFO_00" for SEC_INFO level 0; else null
     * (tshark names no QUOTA_INFO levels).
     */
    public static String levelName(int infoType, int level) {
        switch (infoType) {
            case INFO_FILE: return FILE.get(level);
            case INFO_FILESYSTEM: return FS.get(level);
            case INFO_SECURITY: return SEC.get(level);
            default: return null;
        }
    }

    /**
     * The "&lt;type&gt;/&lt;level&gt;" text tshark 4.0 puts after "GetInfo Request " and
     * "SetInfo Request ", e.g. "FILE_INFO/SMB2_FILE_ALL_INFO", "SEC_INFO/SMB2_SEC_INFO_00",
     * "QUOTA_INFO/(Level:0x00)", "(Class:0x05)/(Level:0x01)". No allocation for
     * infoType 0..4 and level 0..255.
     */
    public static String display(int infoType, int level) {
        if (infoType >= 0 && infoType < DISPLAY.length && level >= 0 && level < 256) {
            return DISPLAY[infoType][level];
        }
        return compose(infoType, level);
    }

    /** tshark's QUERY_DIRECTORY class name ("SMB2_FIND_ID_FULL_DIRECTORY_INFO"), or null. */
    public static String findLevelName(int level) {
        return FIND.get(level);
    }

    /** What tshark prints for a Find request's class: the name or "(Level:0x%02x)". */
    public static String findLevelDisplay(int level) {
        String n = FIND.get(level);
        return n != null ? n : String.format("(Level:0x%02x)", level);
    }

    /** [MS-FSCC] 2.4 name of a file information class ("FileBasicInformation"), or null. */
    public static String fileInformationClassName(int cls) {
        return FSCC_FILE.get(cls);
    }

    /** [MS-FSCC] 2.5 name of a file system information class ("FileFsSizeInformation"), or null. */
    public static String fsInformationClassName(int cls) {
        return FSCC_FS.get(cls);
    }

    private static String compose(int infoType, int level) {
        String type = TYPES.get(infoType);
        String lvl = levelName(infoType, level);
        return (type != null ? type : String.format("(Class:0x%02x)", infoType))
                + "/" + (lvl != null ? lvl : String.format("(Level:0x%02x)", level));
    }
}
