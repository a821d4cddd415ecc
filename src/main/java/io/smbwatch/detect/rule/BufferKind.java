package io.smbwatch.detect.rule;

/** The buffers a rule's inspection steps run on (the payload, or a sticky buffer). */
public enum BufferKind {
    /** The packet or stream payload; on SMB flows, the whole NetBIOS session message. */
    PAYLOAD("payload"),
    FILE_DATA("file.data"),
    FILE_NAME("file.name"),
    SMB_NAMED_PIPE("smb.named_pipe"),
    SMB_SHARE("smb.share"),
    SMB_NTLMSSP_USER("smb.ntlmssp_user"),
    SMB_NTLMSSP_DOMAIN("smb.ntlmssp_domain"),
    DCERPC_STUB_DATA("dcerpc.stub_data"),
    /** A buffer of another protocol: never filled. */
    NONE("none");

    public final String keyword;

    BufferKind(String keyword) {
        this.keyword = keyword;
    }

    /** The buffer a sticky-buffer keyword selects, or null. Suricata's older names are accepted too. */
    public static BufferKind sticky(String kw) {
        switch (kw) {
            case "pkt_data": return PAYLOAD;
            case "file.data": case "file_data": return FILE_DATA;
            case "file.name": return FILE_NAME;
            case "smb.named_pipe": case "smb_named_pipe": return SMB_NAMED_PIPE;
            case "smb.share": case "smb_share": return SMB_SHARE;
            case "smb.ntlmssp_user": return SMB_NTLMSSP_USER;
            case "smb.ntlmssp_domain": return SMB_NTLMSSP_DOMAIN;
            case "dcerpc.stub_data": case "dce_stub_data": return DCERPC_STUB_DATA;
            default: return null;
        }
    }
}
