package io.smbwatch.proto.smb;

import java.util.function.Consumer;

/**
 * TRANS2 information levels ([MS-CIFS] 2.2.2.3, [MS-SMB] 2.2.2.3), one constant per
 * level family. {@link #levelName} is tshark 4.0's name ("Query File Basic Info"),
 * {@link #formalName} the spec name ("SMB_QUERY_FILE_BASIC_INFO"); pass-through
 * levels (1000 + an [MS-FSCC] class) get the FSCC class name ("FileBasicInformation").
 */
public enum Smb1InfoLevels {
    /** FIND_FIRST2 / FIND_NEXT2 (tshark field smb.ff2_loi). */
    FIND(WiresharkTables::smb1FindLevels, SpecTables::smb1FindLevels, null, false),
    /** QUERY_PATH_INFORMATION / QUERY_FILE_INFORMATION (smb.qpi_loi). */
    QUERY_INFO(WiresharkTables::smb1QueryInfoLevels, SpecTables::smb1QueryInfoLevels,
            SpecTables::fileInformationClasses, false),
    /** SET_PATH_INFORMATION / SET_FILE_INFORMATION (smb.spi_loi). */
    SET_INFO(WiresharkTables::smb1SetInfoLevels, SpecTables::smb1SetInfoLevels,
            SpecTables::fileInformationClasses, false),
    /** QUERY_FS_INFORMATION (smb.qfsi_loi). */
    QUERY_FS(WiresharkTables::smb1QueryFsLevels, SpecTables::smb1QueryFsLevels,
            SpecTables::fsInformationClasses, true),
    /** SET_FS_INFORMATION (smb.sfsi_loi). */
    SET_FS(WiresharkTables::smb1SetFsLevels, null, SpecTables::fsInformationClasses, true);

    /** Pass-through levels are SMB_INFO_PASSTHROUGH (0x03E8) + an [MS-FSCC] class number. */
    public static final int INFO_PASSTHROUGH = 0x03E8;

    private final CodeTable names;
    private final CodeTable formal;
    private final CodeTable passThrough;
    private final boolean hexUnknown;

    Smb1InfoLevels(Consumer<WiresharkTables.Sink> names, Consumer<WiresharkTables.Sink> formal,
                   Consumer<WiresharkTables.Sink> passThrough, boolean hexUnknown) {
        this.names = CodeTable.of(names);
        this.formal = formal != null ? CodeTable.of(formal) : null;
        this.passThrough = passThrough != null ? CodeTable.of(passThrough) : null;
        this.hexUnknown = hexUnknown;
    }

    /** tshark's name for {@code level} in this family, or null. */
    public String levelName(int level) {
        return names.get(level);
    }

    /**
     * What tshark prints for the level: the name, else "Unknown (%d)" for FIND,
     * QUERY_INFO and SET_INFO, "Unknown (0x%x)" for QUERY_FS and SET_FS. tshark's
     * Info column shows the level for QUERY_PATH_INFO, QUERY_FILE_INFO, QUERY_FS_INFO
     * and SET_FS_INFO requests.
     */
    public String displayName(int level) {
        String n = names.get(level);
        if (n != null) {
            return n;
        }
        return hexUnknown ? "Unknown (0x" + Integer.toHexString(level) + ")" : "Unknown (" + level + ")";
    }

    /** Spec name: MS-CIFS level name, or the MS-FSCC class name for pass-through levels; else null. */
    public String formalName(int level) {
        String n = formal != null ? formal.get(level) : null;
        if (n == null && passThrough != null && level > INFO_PASSTHROUGH) {
            n = passThrough.get(level - INFO_PASSTHROUGH);
        }
        return n;
    }
}
