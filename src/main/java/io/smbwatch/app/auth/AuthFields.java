package io.smbwatch.app.auth;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.proto.auth.Ntlmssp;
import io.smbwatch.proto.auth.NtlmsspMessage;

/** Adds what a Session Setup security blob says to a message: NTLMSSP fields and Info words. */
public final class AuthFields {
    private AuthFields() {}

    /**
     * Reads the security blob at the header-relative {@code blobOffset}; appends ", NTLMSSP_X"
     * (and ", User: DOMAIN\\user" for AUTHENTICATE) to {@code info}. Returns the NTLMSSP message
     * or null when the blob holds none.
     */
    public static NtlmsspMessage fromBlob(SmbMessage m, byte[] b, int off, int len, int blobOffset, int blobLength,
                                          StringBuilder info) {
        if (blobLength <= 0 || blobOffset <= 0 || (long) blobOffset + blobLength > len) return null;
        int start = off + blobOffset;
        int at = Ntlmssp.find(b, start, blobLength);
        if (at < 0) {
            String mech = Ntlmssp.mechanism(b, start, blobLength);
            if (mech != null) m.fields.add("gss.mech", mech);
            return null;
        }
        NtlmsspMessage nt = Ntlmssp.parse(b, at, start + blobLength - at);
        if (nt == null) return null;
        add(m, nt, info);
        return nt;
    }

    /** Adds the NTLMSSP fields of a parsed message; also used by DCERPC auth verifiers. */
    public static void add(SmbMessage m, NtlmsspMessage nt, StringBuilder info) {
        m.fields.add("ntlmssp.messagetype", (long) nt.type());
        info.append(", ").append(nt.typeName());
        if (nt.type() == NtlmsspMessage.AUTHENTICATE) {
            m.fields.add("ntlmssp.auth.username", nt.user());
            m.fields.add("ntlmssp.auth.domain", nt.domain());
            m.fields.add("ntlmssp.auth.hostname", nt.workstation());
            m.fields.add("ntlmssp.ntlm_version", nt.ntlmVersion());
            m.fields.add("ntlmssp.os_version", nt.osVersion());
            if (nt.anonymous()) m.fields.add("ntlmssp.anonymous", 1L);
            info.append(", User: ").append(nt.domain()).append('\\').append(nt.user());
        } else if (nt.type() == NtlmsspMessage.CHALLENGE && !nt.targetName().isEmpty()) {
            m.fields.add("ntlmssp.challenge.target_name", nt.targetName());
        }
        if (nt.malformed() != null) m.fields.add("ntlmssp.malformed", nt.malformed());
    }
}
