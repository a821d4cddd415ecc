package io.smbwatch.app.tx;

import io.smbwatch.app.SmbMessage;
import java.util.List;

/**
 * What a transaction says, by command family, read once from the request's and response's
 * dissected fields (Wireshark's names, given in each comment). A value the messages did not carry
 * is null. Made by {@link TxPayloads}.
 */
public sealed interface TxPayload permits TxPayload.Negotiate, TxPayload.SessionSetup, TxPayload.TreeConnect,
        TxPayload.Create, TxPayload.ReadWrite, TxPayload.Ioctl, TxPayload.Info, TxPayload.Find, TxPayload.Trans,
        TxPayload.Close, TxPayload.Logoff, TxPayload.Other, DcerpcCall {
    /** Negotiate: the dialects the client offers (SMB2 as "2.02", SMB1 by name), the server's answer. */
    record Negotiate(List<String> clientDialects, String clientGuid, String serverGuid, Long maxReadSize,
                     Long maxWriteSize) implements TxPayload {}

    /** NTLMSSP AUTHENTICATE (ntlmssp.auth.*): user, domain, host, the client's OS version. */
    record Ntlm(String user, String domain, String host, String version, boolean anonymous) {}

    /** smb.native_os and smb.native_lanman of one message ("" when the LAN Manager string is absent). */
    record NativeOs(String os, String lanman) {}

    /**
     * Session Setup: NTLMSSP facts (null without an AUTHENTICATE), the GSS mechanism when the blob
     * holds no NTLMSSP (gss.mech: "kerberos"), native OS strings (SMB1), SMB2 session flags.
     */
    record SessionSetup(Ntlm ntlm, String mechanism, NativeOs requestOs, NativeOs responseOs, Long sessionFlags)
            implements TxPayload {}

    /**
     * Tree Connect: the path (smb2.tree / smb.path, else the tree the state knows), the SMB2 share
     * type (smb2.share_type: 1 disk, 2 pipe, 3 print), the SMB1 service asked and answered.
     */
    record TreeConnect(String path, Long shareType, String serviceRequest, String serviceResponse)
            implements TxPayload {
        /** An IPC$ share: by its type or service when answered, else by its name. */
        public boolean pipe(boolean smb2) {
            if (smb2 && shareType != null) return shareType == 2;
            if (!smb2 && serviceResponse != null) return serviceResponse.equals("IPC");
            return path != null && path.toUpperCase(java.util.Locale.ROOT).endsWith("\\IPC$");
        }
    }

    /**
     * Create (SMB2 CREATE, SMB1 NT Create AndX / Open AndX): the name, disposition and options asked;
     * when it succeeded, the FID and the file's times (to the 100 ns of SMB2's FILETIME) and size.
     */
    record Create(String name, Long disposition, Long options, Long accessMask, boolean succeeded, String fid,
                  java.time.Instant created, java.time.Instant accessed, java.time.Instant modified,
                  java.time.Instant changed, Long size) implements TxPayload {
        public boolean directory() {
            return options != null && (options & 0x1) != 0;
        }

        public boolean deleteOnClose() {
            return options != null && (options & 0x1000) != 0;
        }
    }

    /**
     * Read or Write: offset and length asked (smb2.file_offset, smb2.read_length / write_length,
     * smb.offset, smb.data_len); {@code carrier} is the message whose pipe data holds the data (the
     * Read's response; a Write's request, whose data is gone once the transaction completes).
     */
    record ReadWrite(boolean write, Long offset, Long length, SmbMessage carrier) implements TxPayload {
        /** The data, valid during the listener's call; null when the message carries none any more. */
        public byte[] data() {
            return carrier == null ? null : carrier.pipeData;
        }

        public int dataOff() {
            return carrier == null ? 0 : carrier.pipeOff;
        }

        public int dataLen() {
            return carrier == null || carrier.pipeData == null ? 0 : carrier.pipeLen;
        }
    }

    /** IOCTL / FSCTL (smb2.ioctl.function), the pipe an FSCTL_PIPE_WAIT names. */
    record Ioctl(Long function, String pipeWaitName) implements TxPayload {}

    /** Query or Set Info (smb2.class, smb2.infolevel); a set's delete-on-close flag and rename target. */
    record Info(boolean set, Long infoClass, Long level, Long deleteOnClose, String renameTo) implements TxPayload {}

    /** Query Directory / Find: the pattern (smb2.find.pattern, smb.search_pattern) and the names found. */
    record Find(String pattern, List<Object> names) implements TxPayload {}

    /**
     * Transaction, Transaction2 or NT Transact: the subcommand (smb.trans2.cmd, smb.nt.function) and
     * the pipe or mailslot name (smb.trans_name).
     */
    record Trans(Smb1Command kind, Long subcommand, String name) implements TxPayload {}

    /** Close. */
    record Close() implements TxPayload {}

    /** Logoff or Tree Disconnect. */
    record Logoff(boolean treeDisconnect) implements TxPayload {}

    /** Echo, Lock, Flush, Cancel, Change Notify, Oplock Break, secondaries, unknown commands. */
    record Other() implements TxPayload {}
}
