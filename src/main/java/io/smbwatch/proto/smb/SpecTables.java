package io.smbwatch.proto.smb;

import io.smbwatch.proto.smb.WiresharkTables.Sink;

/**
 * Formal names from the Microsoft Open Specifications, written by hand for this
 * project (as opposed to {@link WiresharkTables}, which holds tshark's display
 * strings). One entry per line; section numbers are given per table.
 */
final class SpecTables {
    private SpecTables() {}

    /** [MS-CIFS] 2.2.2.1 SMB_COM command codes; 0xD0-0xD7 messenger commands from [MS-MSRP] 2.2.3. */
    static void smb1Commands(Sink s) {
        smb1FileCommands(s);
        smb1SessionCommands(s);
    }

    /** Codes 0x00-0x35: file, transaction and I/O commands. */
    private static void smb1FileCommands(Sink s) {
        s.put(0x00, "SMB_COM_CREATE_DIRECTORY");
        s.put(0x01, "SMB_COM_DELETE_DIRECTORY");
        s.put(0x02, "SMB_COM_OPEN");
        s.put(0x03, "SMB_COM_CREATE");
        s.put(0x04, "SMB_COM_CLOSE");
        s.put(0x05, "SMB_COM_FLUSH");
        s.put(0x06, "SMB_COM_DELETE");
        s.put(0x07, "SMB_COM_RENAME");
        s.put(0x08, "SMB_COM_QUERY_INFORMATION");
        s.put(0x09, "SMB_COM_SET_INFORMATION");
        s.put(0x0A, "SMB_COM_READ");
        s.put(0x0B, "SMB_COM_WRITE");
        s.put(0x0C, "SMB_COM_LOCK_BYTE_RANGE");
        s.put(0x0D, "SMB_COM_UNLOCK_BYTE_RANGE");
        s.put(0x0E, "SMB_COM_CREATE_TEMPORARY");
        s.put(0x0F, "SMB_COM_CREATE_NEW");
        s.put(0x10, "SMB_COM_CHECK_DIRECTORY");
        s.put(0x11, "SMB_COM_PROCESS_EXIT");
        s.put(0x12, "SMB_COM_SEEK");
        s.put(0x13, "SMB_COM_LOCK_AND_READ");
        s.put(0x14, "SMB_COM_WRITE_AND_UNLOCK");
        s.put(0x1A, "SMB_COM_READ_RAW");
        s.put(0x1B, "SMB_COM_READ_MPX");
        s.put(0x1C, "SMB_COM_READ_MPX_SECONDARY");
        s.put(0x1D, "SMB_COM_WRITE_RAW");
        s.put(0x1E, "SMB_COM_WRITE_MPX");
        s.put(0x1F, "SMB_COM_WRITE_MPX_SECONDARY");
        s.put(0x20, "SMB_COM_WRITE_COMPLETE");
        s.put(0x21, "SMB_COM_QUERY_SERVER");
        s.put(0x22, "SMB_COM_SET_INFORMATION2");
        s.put(0x23, "SMB_COM_QUERY_INFORMATION2");
        s.put(0x24, "SMB_COM_LOCKING_ANDX");
        s.put(0x25, "SMB_COM_TRANSACTION");
        s.put(0x26, "SMB_COM_TRANSACTION_SECONDARY");
        s.put(0x27, "SMB_COM_IOCTL");
        s.put(0x28, "SMB_COM_IOCTL_SECONDARY");
        s.put(0x29, "SMB_COM_COPY");
        s.put(0x2A, "SMB_COM_MOVE");
        s.put(0x2B, "SMB_COM_ECHO");
        s.put(0x2C, "SMB_COM_WRITE_AND_CLOSE");
        s.put(0x2D, "SMB_COM_OPEN_ANDX");
        s.put(0x2E, "SMB_COM_READ_ANDX");
        s.put(0x2F, "SMB_COM_WRITE_ANDX");
        s.put(0x30, "SMB_COM_NEW_FILE_SIZE");
        s.put(0x31, "SMB_COM_CLOSE_AND_TREE_DISC");
        s.put(0x32, "SMB_COM_TRANSACTION2");
        s.put(0x33, "SMB_COM_TRANSACTION2_SECONDARY");
        s.put(0x34, "SMB_COM_FIND_CLOSE2");
        s.put(0x35, "SMB_COM_FIND_NOTIFY_CLOSE");
    }

    /** Codes 0x70-0xFF: session, search, NT, print and messenger commands. */
    private static void smb1SessionCommands(Sink s) {
        s.put(0x70, "SMB_COM_TREE_CONNECT");
        s.put(0x71, "SMB_COM_TREE_DISCONNECT");
        s.put(0x72, "SMB_COM_NEGOTIATE");
        s.put(0x73, "SMB_COM_SESSION_SETUP_ANDX");
        s.put(0x74, "SMB_COM_LOGOFF_ANDX");
        s.put(0x75, "SMB_COM_TREE_CONNECT_ANDX");
        s.put(0x7E, "SMB_COM_SECURITY_PACKAGE_ANDX");
        s.put(0x80, "SMB_COM_QUERY_INFORMATION_DISK");
        s.put(0x81, "SMB_COM_SEARCH");
        s.put(0x82, "SMB_COM_FIND");
        s.put(0x83, "SMB_COM_FIND_UNIQUE");
        s.put(0x84, "SMB_COM_FIND_CLOSE");
        s.put(0xA0, "SMB_COM_NT_TRANSACT");
        s.put(0xA1, "SMB_COM_NT_TRANSACT_SECONDARY");
        s.put(0xA2, "SMB_COM_NT_CREATE_ANDX");
        s.put(0xA4, "SMB_COM_NT_CANCEL");
        s.put(0xA5, "SMB_COM_NT_RENAME");
        s.put(0xC0, "SMB_COM_OPEN_PRINT_FILE");
        s.put(0xC1, "SMB_COM_WRITE_PRINT_FILE");
        s.put(0xC2, "SMB_COM_CLOSE_PRINT_FILE");
        s.put(0xC3, "SMB_COM_GET_PRINT_QUEUE");
        s.put(0xD0, "SMB_COM_SEND_MESSAGE");
        s.put(0xD1, "SMB_COM_SEND_BROADCAST_MESSAGE");
        s.put(0xD2, "SMB_COM_FORWARD_USER_NAME");
        s.put(0xD3, "SMB_COM_CANCEL_FORWARD");
        s.put(0xD4, "SMB_COM_GET_MACHINE_NAME");
        s.put(0xD5, "SMB_COM_SEND_START_MB_MESSAGE");
        s.put(0xD6, "SMB_COM_SEND_END_MB_MESSAGE");
        s.put(0xD7, "SMB_COM_SEND_TEXT_MB_MESSAGE");
        s.put(0xD8, "SMB_COM_READ_BULK");
        s.put(0xD9, "SMB_COM_WRITE_BULK");
        s.put(0xDA, "SMB_COM_WRITE_BULK_DATA");
        s.put(0xFE, "SMB_COM_INVALID");
        s.put(0xFF, "SMB_COM_NO_ANDX_COMMAND");
    }

    /** [MS-SMB2] 2.2.1.2 SMB2 header Command field. */
    static void smb2Commands(Sink s) {
        s.put(0x00, "SMB2 NEGOTIATE");
        s.put(0x01, "SMB2 SESSION_SETUP");
        s.put(0x02, "SMB2 LOGOFF");
        s.put(0x03, "SMB2 TREE_CONNECT");
        s.put(0x04, "SMB2 TREE_DISCONNECT");
        s.put(0x05, "SMB2 CREATE");
        s.put(0x06, "SMB2 CLOSE");
        s.put(0x07, "SMB2 FLUSH");
        s.put(0x08, "SMB2 READ");
        s.put(0x09, "SMB2 WRITE");
        s.put(0x0A, "SMB2 LOCK");
        s.put(0x0B, "SMB2 IOCTL");
        s.put(0x0C, "SMB2 CANCEL");
        s.put(0x0D, "SMB2 ECHO");
        s.put(0x0E, "SMB2 QUERY_DIRECTORY");
        s.put(0x0F, "SMB2 CHANGE_NOTIFY");
        s.put(0x10, "SMB2 QUERY_INFO");
        s.put(0x11, "SMB2 SET_INFO");
        s.put(0x12, "SMB2 OPLOCK_BREAK");
        s.put(0x13, "SMB2 SERVER_TO_CLIENT_NOTIFICATION");
    }

    /** [MS-CIFS] 2.2.6 Transaction2 subcommand codes. */
    static void trans2Subcommands(Sink s) {
        s.put(0x00, "TRANS2_OPEN2");
        s.put(0x01, "TRANS2_FIND_FIRST2");
        s.put(0x02, "TRANS2_FIND_NEXT2");
        s.put(0x03, "TRANS2_QUERY_FS_INFORMATION");
        s.put(0x04, "TRANS2_SET_FS_INFORMATION");
        s.put(0x05, "TRANS2_QUERY_PATH_INFORMATION");
        s.put(0x06, "TRANS2_SET_PATH_INFORMATION");
        s.put(0x07, "TRANS2_QUERY_FILE_INFORMATION");
        s.put(0x08, "TRANS2_SET_FILE_INFORMATION");
        s.put(0x09, "TRANS2_FSCTL");
        s.put(0x0A, "TRANS2_IOCTL2");
        s.put(0x0B, "TRANS2_FIND_NOTIFY_FIRST");
        s.put(0x0C, "TRANS2_FIND_NOTIFY_NEXT");
        s.put(0x0D, "TRANS2_CREATE_DIRECTORY");
        s.put(0x0E, "TRANS2_SESSION_SETUP");
        s.put(0x10, "TRANS2_GET_DFS_REFERRAL");
        s.put(0x11, "TRANS2_REPORT_DFS_INCONSISTENCY");
    }

    /** [MS-CIFS] 2.2.7 NT Transact subcommand codes; 0x07/0x08 from [MS-SMB] 2.2.7. */
    static void ntTransactSubcommands(Sink s) {
        s.put(0x01, "NT_TRANSACT_CREATE");
        s.put(0x02, "NT_TRANSACT_IOCTL");
        s.put(0x03, "NT_TRANSACT_SET_SECURITY_DESC");
        s.put(0x04, "NT_TRANSACT_NOTIFY_CHANGE");
        s.put(0x05, "NT_TRANSACT_RENAME");
        s.put(0x06, "NT_TRANSACT_QUERY_SECURITY_DESC");
        s.put(0x07, "NT_TRANSACT_QUERY_QUOTA");
        s.put(0x08, "NT_TRANSACT_SET_QUOTA");
    }

    /** [MS-CIFS] 2.2.5 Transaction subcommands on named pipes (Setup[0]). */
    static void pipeSubcommands(Sink s) {
        s.put(0x01, "TRANS_SET_NMPIPE_STATE");
        s.put(0x11, "TRANS_RAW_READ_NMPIPE");
        s.put(0x21, "TRANS_QUERY_NMPIPE_STATE");
        s.put(0x22, "TRANS_QUERY_NMPIPE_INFO");
        s.put(0x23, "TRANS_PEEK_NMPIPE");
        s.put(0x26, "TRANS_TRANSACT_NMPIPE");
        s.put(0x31, "TRANS_RAW_WRITE_NMPIPE");
        s.put(0x36, "TRANS_READ_NMPIPE");
        s.put(0x37, "TRANS_WRITE_NMPIPE");
        s.put(0x53, "TRANS_WAIT_NMPIPE");
        s.put(0x54, "TRANS_CALL_NMPIPE");
    }

    /**
     * [MS-CIFS] 2.2.2.4 SMB error classes and codes, key (errorClass &lt;&lt; 16) | code.
     * Not exhaustive (neither is the spec's table).
     */
    static void dosErrors(Sink s) {
        dosClassErrors(s);
        serverClassErrors(s);
        hardwareClassErrors(s);
    }

    private static void dosClassErrors(Sink s) {
        // ERRDOS (0x01)
        s.put(0x10001, "ERRbadfunc");
        s.put(0x10002, "ERRbadfile");
        s.put(0x10003, "ERRbadpath");
        s.put(0x10004, "ERRnofids");
        s.put(0x10005, "ERRnoaccess");
        s.put(0x10006, "ERRbadfid");
        s.put(0x10007, "ERRbadmcb");
        s.put(0x10008, "ERRnomem");
        s.put(0x10009, "ERRbadmem");
        s.put(0x1000A, "ERRbadenv");
        s.put(0x1000B, "ERRbadformat");
        s.put(0x1000C, "ERRbadaccess");
        s.put(0x1000D, "ERRbaddata");
        s.put(0x1000F, "ERRbaddrive");
        s.put(0x10010, "ERRremcd");
        s.put(0x10011, "ERRdiffdevice");
        s.put(0x10012, "ERRnofiles");
        s.put(0x1001F, "ERRgeneral");
        s.put(0x10020, "ERRbadshare");
        s.put(0x10021, "ERRlock");
        s.put(0x10026, "ERReof");
        s.put(0x10032, "ERRunsup");
        s.put(0x10050, "ERRfilexists");
        s.put(0x10057, "ERRinvalidparam");
        s.put(0x1007C, "ERRunknownlevel");
        s.put(0x10083, "ERRinvalidseek");
        s.put(0x100E6, "ERRbadpipe");
        s.put(0x100E7, "ERRpipebusy");
        s.put(0x100E8, "ERRpipeclosing");
        s.put(0x100E9, "ERRnotconnected");
        s.put(0x100EA, "ERRmoredata");
        s.put(0x100FF, "ERRbadealist");
        s.put(0x1011A, "ERReasnotsupported");
        s.put(0x103FE, "ERRnotifyenumdir");
    }

    private static void serverClassErrors(Sink s) {
        // ERRSRV (0x02)
        s.put(0x20001, "ERRerror");
        s.put(0x20002, "ERRbadpw");
        s.put(0x20004, "ERRaccess");
        s.put(0x20005, "ERRinvtid");
        s.put(0x20006, "ERRinvnetname");
        s.put(0x20007, "ERRinvdevice");
        s.put(0x20016, "ERRbadcmd");
        s.put(0x20031, "ERRqfull");
        s.put(0x20032, "ERRqtoobig");
        s.put(0x20033, "ERRqeof");
        s.put(0x20034, "ERRinvpfid");
        s.put(0x20040, "ERRsmbcmd");
        s.put(0x20041, "ERRsrverror");
        s.put(0x20043, "ERRfilespecs");
        s.put(0x20045, "ERRbadpermits");
        s.put(0x20047, "ERRsetattrmode");
        s.put(0x20058, "ERRtimeout");
        s.put(0x20059, "ERRnoresource");
        s.put(0x2005A, "ERRtoomanyuids");
        s.put(0x2005B, "ERRbaduid");
        s.put(0x200FA, "ERRusempx");
        s.put(0x200FB, "ERRusestd");
        s.put(0x200FC, "ERRcontmpx");
        s.put(0x208BF, "ERRaccountExpired");
        s.put(0x208C0, "ERRbadClient");
        s.put(0x208C1, "ERRbadLogonTime");
        s.put(0x208C2, "ERRpasswordExpired");
        s.put(0x2FFFF, "ERRnosupport");
    }

    private static void hardwareClassErrors(Sink s) {
        // ERRHRD (0x03)
        s.put(0x30013, "ERRnowrite");
        s.put(0x30014, "ERRbadunit");
        s.put(0x30015, "ERRnotready");
        s.put(0x30016, "ERRbadcmd");
        s.put(0x30017, "ERRdata");
        s.put(0x30018, "ERRbadreq");
        s.put(0x30019, "ERRseek");
        s.put(0x3001A, "ERRbadmedia");
        s.put(0x3001B, "ERRbadsector");
        s.put(0x3001C, "ERRnopaper");
        s.put(0x3001D, "ERRwrite");
        s.put(0x3001E, "ERRread");
        s.put(0x3001F, "ERRgeneral");
        s.put(0x30020, "ERRbadshare");
        s.put(0x30021, "ERRlock");
        s.put(0x30022, "ERRwrongdisk");
        s.put(0x30023, "ERRFCBUnavail");
        s.put(0x30024, "ERRsharebufexc");
        s.put(0x30027, "ERRdiskfull");
    }

    /** [MS-CIFS] 2.2.2.3.1 FIND information levels; 0x105/0x106 from [MS-SMB] 2.2.2.3.1. */
    static void smb1FindLevels(Sink s) {
        s.put(0x0001, "SMB_INFO_STANDARD");
        s.put(0x0002, "SMB_INFO_QUERY_EA_SIZE");
        s.put(0x0003, "SMB_INFO_QUERY_EAS_FROM_LIST");
        s.put(0x0101, "SMB_FIND_FILE_DIRECTORY_INFO");
        s.put(0x0102, "SMB_FIND_FILE_FULL_DIRECTORY_INFO");
        s.put(0x0103, "SMB_FIND_FILE_NAMES_INFO");
        s.put(0x0104, "SMB_FIND_FILE_BOTH_DIRECTORY_INFO");
        s.put(0x0105, "SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO");
        s.put(0x0106, "SMB_FIND_FILE_ID_BOTH_DIRECTORY_INFO");
    }

    /** [MS-CIFS] 2.2.2.3.3 QUERY information levels. */
    static void smb1QueryInfoLevels(Sink s) {
        s.put(0x0001, "SMB_INFO_STANDARD");
        s.put(0x0002, "SMB_INFO_QUERY_EA_SIZE");
        s.put(0x0003, "SMB_INFO_QUERY_EAS_FROM_LIST");
        s.put(0x0004, "SMB_INFO_QUERY_ALL_EAS");
        s.put(0x0006, "SMB_INFO_IS_NAME_VALID");
        s.put(0x0101, "SMB_QUERY_FILE_BASIC_INFO");
        s.put(0x0102, "SMB_QUERY_FILE_STANDARD_INFO");
        s.put(0x0103, "SMB_QUERY_FILE_EA_INFO");
        s.put(0x0104, "SMB_QUERY_FILE_NAME_INFO");
        s.put(0x0107, "SMB_QUERY_FILE_ALL_INFO");
        s.put(0x0108, "SMB_QUERY_FILE_ALT_NAME_INFO");
        s.put(0x0109, "SMB_QUERY_FILE_STREAM_INFO");
        s.put(0x010B, "SMB_QUERY_FILE_COMPRESSION_INFO");
    }

    /** [MS-CIFS] 2.2.2.3.4 SET information levels. */
    static void smb1SetInfoLevels(Sink s) {
        s.put(0x0001, "SMB_INFO_STANDARD");
        s.put(0x0002, "SMB_INFO_SET_EAS");
        s.put(0x0101, "SMB_SET_FILE_BASIC_INFO");
        s.put(0x0102, "SMB_SET_FILE_DISPOSITION_INFO");
        s.put(0x0103, "SMB_SET_FILE_ALLOCATION_INFO");
        s.put(0x0104, "SMB_SET_FILE_END_OF_FILE_INFO");
    }

    /** [MS-CIFS] 2.2.2.3.2 QUERY_FS information levels. */
    static void smb1QueryFsLevels(Sink s) {
        s.put(0x0001, "SMB_INFO_ALLOCATION");
        s.put(0x0002, "SMB_INFO_VOLUME");
        s.put(0x0102, "SMB_QUERY_FS_VOLUME_INFO");
        s.put(0x0103, "SMB_QUERY_FS_SIZE_INFO");
        s.put(0x0104, "SMB_QUERY_FS_DEVICE_INFO");
        s.put(0x0105, "SMB_QUERY_FS_ATTRIBUTE_INFO");
    }

    /** [MS-SMB2] 2.2.37 QUERY_INFO InfoType. */
    static void smb2InfoTypes(Sink s) {
        s.put(0x01, "SMB2_0_INFO_FILE");
        s.put(0x02, "SMB2_0_INFO_FILESYSTEM");
        s.put(0x03, "SMB2_0_INFO_SECURITY");
        s.put(0x04, "SMB2_0_INFO_QUOTA");
    }

    /** [MS-FSCC] 2.4 file information classes (the ones the spec documents). */
    static void fileInformationClasses(Sink s) {
        s.put(1, "FileDirectoryInformation");
        s.put(2, "FileFullDirectoryInformation");
        s.put(3, "FileBothDirectoryInformation");
        s.put(4, "FileBasicInformation");
        s.put(5, "FileStandardInformation");
        s.put(6, "FileInternalInformation");
        s.put(7, "FileEaInformation");
        s.put(8, "FileAccessInformation");
        s.put(9, "FileNameInformation");
        s.put(10, "FileRenameInformation");
        s.put(11, "FileLinkInformation");
        s.put(12, "FileNamesInformation");
        s.put(13, "FileDispositionInformation");
        s.put(14, "FilePositionInformation");
        s.put(15, "FileFullEaInformation");
        s.put(16, "FileModeInformation");
        s.put(17, "FileAlignmentInformation");
        s.put(18, "FileAllInformation");
        s.put(19, "FileAllocationInformation");
        s.put(20, "FileEndOfFileInformation");
        s.put(21, "FileAlternateNameInformation");
        s.put(22, "FileStreamInformation");
        s.put(23, "FilePipeInformation");
        s.put(24, "FilePipeLocalInformation");
        s.put(25, "FilePipeRemoteInformation");
        s.put(26, "FileMailslotQueryInformation");
        s.put(27, "FileMailslotSetInformation");
        s.put(28, "FileCompressionInformation");
        s.put(29, "FileObjectIdInformation");
        s.put(31, "FileMoveClusterInformation");
        s.put(32, "FileQuotaInformation");
        s.put(33, "FileReparsePointInformation");
        s.put(34, "FileNetworkOpenInformation");
        s.put(35, "FileAttributeTagInformation");
        s.put(36, "FileTrackingInformation");
        s.put(37, "FileIdBothDirectoryInformation");
        s.put(38, "FileIdFullDirectoryInformation");
        s.put(39, "FileValidDataLengthInformation");
        s.put(40, "FileShortNameInformation");
        s.put(44, "FileSfioReserveInformation");
        s.put(45, "FileSfioVolumeInformation");
        s.put(46, "FileHardLinkInformation");
        s.put(48, "FileNormalizedNameInformation");
        s.put(50, "FileIdGlobalTxDirectoryInformation");
        s.put(54, "FileStandardLinkInformation");
        s.put(59, "FileIdInformation");
        s.put(60, "FileIdExtdDirectoryInformation");
        s.put(64, "FileDispositionInformationEx");
        s.put(65, "FileRenameInformationEx");
        s.put(68, "FileStatInformation");
        s.put(71, "FileCaseSensitiveInformation");
        s.put(72, "FileLinkInformationEx");
    }

    /** [MS-FSCC] 2.5 file system information classes. */
    static void fsInformationClasses(Sink s) {
        s.put(1, "FileFsVolumeInformation");
        s.put(2, "FileFsLabelInformation");
        s.put(3, "FileFsSizeInformation");
        s.put(4, "FileFsDeviceInformation");
        s.put(5, "FileFsAttributeInformation");
        s.put(6, "FileFsControlInformation");
        s.put(7, "FileFsFullSizeInformation");
        s.put(8, "FileFsObjectIdInformation");
        s.put(9, "FileFsDriverPathInformation");
        s.put(10, "FileFsVolumeFlagsInformation");
        s.put(11, "FileFsSectorSizeInformation");
    }

    /** [MS-FSCC] 2.3 FSCTL codes that tshark 4.0's smb2.ioctl.function table lacks. */
    static void extraFsctls(Sink s) {
        s.put(0x000900FC, "FSCTL_MARK_HANDLE");
        s.put(0x00090100, "FSCTL_SIS_COPYFILE");
        s.put(0x00090117, "FSCTL_RECALL_FILE");
        s.put(0x00090138, "FSCTL_QUERY_SPARING_INFO");
        s.put(0x0009013C, "FSCTL_QUERY_ON_DISK_VOLUME_INFO");
        s.put(0x00090194, "FSCTL_SET_ZERO_ON_DEALLOCATION");
        s.put(0x000901B4, "FSCTL_SET_SHORT_NAME_BEHAVIOR");
        s.put(0x000902D8, "FSCTL_GET_REFS_VOLUME_DATA");
        s.put(0x00090380, "FSCTL_SET_INTEGRITY_INFORMATION_EX");
        s.put(0x00098134, "FSCTL_SET_DEFECT_MANAGEMENT");
        s.put(0x00098344, "FSCTL_DUPLICATE_EXTENTS_TO_FILE");
        s.put(0x000983E8, "FSCTL_DUPLICATE_EXTENTS_TO_FILE_EX");
    }

    /** [MS-NLMP] 2.2.1 MessageType of the three NTLM messages. */
    static void ntlmMessageTypes(Sink s) {
        s.put(1, "NEGOTIATE_MESSAGE");
        s.put(2, "CHALLENGE_MESSAGE");
        s.put(3, "AUTHENTICATE_MESSAGE");
    }
}
