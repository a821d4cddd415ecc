package io.smbwatch.proto.smb;

/**
 * NTLMSSP MessageType ([MS-NLMP] 2.2.1). {@link #name} is tshark 4.0's name
 * ("NTLMSSP_NEGOTIATE", "NTLMSSP_CHALLENGE", "NTLMSSP_AUTH"), {@link #formalName}
 * the spec's message name ("AUTHENTICATE_MESSAGE").
 */
public final class NtlmsspMessageTypes {
    private NtlmsspMessageTypes() {}

    public static final int NEGOTIATE = 1;
    public static final int CHALLENGE = 2;
    public static final int AUTHENTICATE = 3;

    private static final CodeTable NAMES = CodeTable.of(WiresharkTables::ntlmsspMessageTypes);
    private static final CodeTable FORMAL = CodeTable.of(SpecTables::ntlmMessageTypes);

    /** tshark's name (it also names 4 "NTLMSSP_UNKNOWN"), or null. */
    public static String name(int type) {
        return NAMES.get(type);
    }

    /** What tshark appends to Info: the name or "Unknown NTLMSSP message type". */
    public static String displayName(int type) {
        String n = NAMES.get(type);
        return n != null ? n : "Unknown NTLMSSP message type";
    }

    /** [MS-NLMP] name: NEGOTIATE_MESSAGE, CHALLENGE_MESSAGE, AUTHENTICATE_MESSAGE; else null. */
    public static String formalName(int type) {
        return FORMAL.get(type);
    }
}
