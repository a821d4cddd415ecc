package io.smbwatch.proto.auth;

/**
 * One NTLMSSP message (MS-NLMP §2.2.1). Strings are empty when absent; {@code user},
 * {@code domain} and {@code workstation} are set for AUTHENTICATE only, {@code targetName} for
 * CHALLENGE, {@code domain}/{@code workstation} also for NEGOTIATE when supplied.
 * {@code osVersion} is the sender's VERSION structure ("6.1 build 7601 rev 15") or null.
 */
public record NtlmsspMessage(int type, int flags, String domain, String user, String workstation,
                             String targetName, long serverChallenge, int lmResponseLength,
                             int ntResponseLength, String osVersion, String malformed) {
    public static final int NEGOTIATE = 1;
    public static final int CHALLENGE = 2;
    public static final int AUTHENTICATE = 3;

    public static final int FLAG_UNICODE = 0x00000001;
    public static final int FLAG_EXTENDED_SESSIONSECURITY = 0x00080000;
    public static final int FLAG_ANONYMOUS = 0x00000800;

    /** tshark's Info word for the message type. */
    public String typeName() {
        switch (type) {
            case NEGOTIATE: return "NTLMSSP_NEGOTIATE";
            case CHALLENGE: return "NTLMSSP_CHALLENGE";
            case AUTHENTICATE: return "NTLMSSP_AUTH";
            default: return "NTLMSSP_UNKNOWN";
        }
    }

    /**
     * Anonymous (null session) authentication, MS-NLMP §3.2.5.1.2: no user name and an empty
     * NT response (the LM response is empty or a single zero byte).
     */
    public boolean anonymous() {
        return type == AUTHENTICATE && user.isEmpty() && ntResponseLength == 0 && lmResponseLength <= 1;
    }

    /** "NTLMv2", "NTLMv1" (incl. NTLM2 session response), "LM"-only, or "anonymous". */
    public String ntlmVersion() {
        if (type != AUTHENTICATE) return null;
        if (anonymous()) return "anonymous";
        if (ntResponseLength > 24) return "NTLMv2";
        if (ntResponseLength == 24) return (flags & FLAG_EXTENDED_SESSIONSECURITY) != 0 ? "NTLMv1-ESS" : "NTLMv1";
        return "LM";
    }
}
