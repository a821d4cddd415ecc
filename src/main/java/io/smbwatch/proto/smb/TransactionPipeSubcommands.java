package io.smbwatch.proto.smb;

/**
 * SMB_COM_TRANSACTION subcommands (Setup[0]) for named pipes ([MS-CIFS] 2.2.5), plus
 * the mailslot opcode. {@link #name} is tshark 4.0's name ("TransactNmPipe",
 * "WaitNamedPipe"), {@link #formalName} the spec name ("TRANS_TRANSACT_NMPIPE").
 */
public final class TransactionPipeSubcommands {
    private TransactionPipeSubcommands() {}

    public static final int SET_NMPIPE_STATE = 0x01;
    public static final int RAW_READ_NMPIPE = 0x11;
    public static final int QUERY_NMPIPE_STATE = 0x21;
    public static final int QUERY_NMPIPE_INFO = 0x22;
    public static final int PEEK_NMPIPE = 0x23;
    public static final int TRANSACT_NMPIPE = 0x26;
    public static final int RAW_WRITE_NMPIPE = 0x31;
    public static final int READ_NMPIPE = 0x36;
    public static final int WRITE_NMPIPE = 0x37;
    public static final int WAIT_NMPIPE = 0x53;
    public static final int CALL_NMPIPE = 0x54;
    /** TRANS_MAILSLOT_WRITE, the only mailslot opcode. */
    public static final int MAILSLOT_WRITE = 0x01;

    private static final CodeTable NAMES = CodeTable.of(WiresharkTables::pipeFunctions);
    private static final CodeTable FORMAL = CodeTable.of(SpecTables::pipeSubcommands);
    private static final CodeTable MAILSLOT = CodeTable.of(WiresharkTables::mailslotOpcodes);

    /** tshark's name for a pipe function, or null. */
    public static String name(int function) {
        return NAMES.get(function);
    }

    /**
     * What tshark (protocol "SMB Pipe") prints before " Request"/" Response":
     * the name or "Unknown function (0x%04x)".
     */
    public static String displayName(int function) {
        String n = NAMES.get(function);
        return n != null ? n : String.format("Unknown function (0x%04x)", function);
    }

    /** [MS-CIFS] name such as "TRANS_TRANSACT_NMPIPE", or null. */
    public static String formalName(int function) {
        return FORMAL.get(function);
    }

    /** tshark's name for a mailslot opcode ("Write Mail Slot"), or null. */
    public static String mailslotOpcodeName(int opcode) {
        return MAILSLOT.get(opcode);
    }
}
