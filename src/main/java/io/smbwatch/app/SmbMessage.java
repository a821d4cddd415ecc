package io.smbwatch.app;

import io.smbwatch.flow.Flow;

/**
 * One SMB message as the analyst sees it: an SMB1 command block (each command of an AndX chain
 * is its own message), one SMB2 message of a compound, an encrypted or compressed SMB3 message,
 * or a NetBIOS session-control packet.
 */
public final class SmbMessage {
    public static final String SMB = "SMB";
    public static final String SMB2 = "SMB2";
    public static final String SMB3_ENC = "SMB3-ENC";
    public static final String SMB3_COMP = "SMB3-COMP";
    public static final String NBSS = "NBSS";
    /** DCERPC PDUs; calls on a known interface carry the interface's name instead (SAMR, LSARPC, ...). */
    public static final String DCERPC = "DCERPC";

    /** Marks "no status": requests carry none (SMB2 requests reuse the field for ChannelSequence). */
    public static final long NO_STATUS = -1;

    public Flow flow;
    /** {@link Flow#TO_SERVER} or {@link Flow#TO_CLIENT}. */
    public int direction;
    /** Number of the frame that completed the message. */
    public long frame;
    /** Number of the frame that carried its first byte. */
    public long firstFrame;
    public long tsSeconds;
    public int tsNanos;
    /** Length on the wire of frame {@link #frame}. */
    public int frameLen;
    public String protocol;
    public int command;
    public String commandName;
    public boolean response;
    /** NT status (unsigned 32-bit) or {@link #NO_STATUS}. */
    public long status = NO_STATUS;
    /** tshark-style Info column text. */
    public String info;
    /** Position in an AndX chain or SMB2 compound (0 for the first). */
    public int chainIndex;
    /** SMB1 MID or SMB2 MessageId. */
    public long messageId;
    /** SMB1 UID or SMB2 SessionId. */
    public long sessionId;
    /** SMB1 TID or SMB2 TreeId. */
    public long treeId;
    /** The message was longer than the framer keeps; only its head was parsed. */
    public boolean truncated;
    /** Why the message could not be parsed completely, or null. */
    public String malformed;
    /** What the connection's state knows of the message's context (null when unknown). */
    public String tree, file, user, domain, host;
    /** FID (SMB1, "0x4004") or FileId (SMB2, as a GUID like Wireshark shows it) the message touches. */
    public String fid;
    /**
     * The whole SMB payload of the NetBIOS session message (or datagram) this message came from:
     * what signatures inspect. Valid only while listeners handle the message (the buffer is reused
     * afterwards); the messages of one AndX chain or compound share it.
     */
    public byte[] payload;
    public int payloadOff, payloadLen;
    /**
     * Where this message lies in {@link #payload}: its SMB header, and its body (SMB1: the
     * command block's WordCount byte; SMB2: the byte after the 64-byte header) up to bodyEnd.
     * Offsets inside SMB bodies count from headerOff (MS-CIFS, MS-SMB2).
     */
    public int headerOff, bodyOff, bodyEnd;
    /**
     * Named-pipe data the message carries (a write's or read's data, a TransactNmPipe or
     * FSCTL_PIPE_TRANSCEIVE buffer; for files, the data read or written), set by the SMB handlers;
     * valid only during {@link MessageListener#onMessage} (file extraction reads it there).
     */
    public byte[] pipeData;
    public int pipeOff, pipeLen;
    /**
     * A DCERPC request's or response's whole stub (its fragments joined), on the message of the
     * last fragment; valid only during {@link MessageListener#onMessage} (rules' dcerpc.stub_data).
     */
    public byte[] stub;
    public int stubLen;
    /** The DCERPC messages (protocol "DCERPC" or the interface's name) cut from this message's pipe data. */
    public java.util.List<SmbMessage> dcerpc = java.util.List.of();
    /** True when the message's pipe data went to a DCERPC association (whole PDUs or a part of one). */
    public boolean dcerpcPipe;
    /** Dissected fields, by Wireshark's names. */
    public final Fields fields = new Fields();

    public String srcAddress() {
        return flow.srcAddress(direction);
    }

    public String dstAddress() {
        return flow.dstAddress(direction);
    }

    public int srcPort() {
        return flow.srcPort(direction);
    }

    public int dstPort() {
        return flow.dstPort(direction);
    }

    /** Where an anomaly found in this message is (its flow, direction, frame and time). */
    public io.smbwatch.stats.Anomalies.Where where() {
        return new io.smbwatch.stats.Anomalies.Where(flow, direction, frame, tsSeconds, tsNanos);
    }

    public String statusHex() {
        return status == NO_STATUS ? null : String.format("0x%08x", status);
    }
}
