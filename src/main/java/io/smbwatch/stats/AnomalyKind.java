package io.smbwatch.stats;

/**
 * Every kind of anomaly smbwatch reports, with the layer it belongs to, its application protocol
 * and what it means. Names follow Suricata where Suricata reports the same condition (its SMB
 * parser's {@code malformed_data}, rust/src/smb/events.rs); ours carry a protocol prefix, as
 * Suricata's decoder and stream event names do. Kinds marked {@code cap} count a limit that
 * evicted or refused state: the memory budget of hostile traffic is read from them.
 */
public enum AnomalyKind {
    // capture files: counted only (Suricata has no EVE event for a bad capture file)
    PCAP_TRUNCATED_RECORD_HEADER(Layer.CAPTURE, "pcap.truncated_record_header", "the file ends inside a record header"),
    PCAP_BAD_RECORD_LENGTH(Layer.CAPTURE, "pcap.bad_record_length", "a record's captured length is impossible; reading stops"),
    PCAP_TRUNCATED_RECORD(Layer.CAPTURE, "pcap.truncated_record", "the file ends inside a record's data"),
    PCAPNG_TRUNCATED_BLOCK(Layer.CAPTURE, "pcapng.truncated_block", "the file ends inside a pcapng block"),
    PCAPNG_BAD_BLOCK(Layer.CAPTURE, "pcapng.bad_block", "a pcapng block with impossible lengths or contents"),
    PCAPNG_TOO_MANY_INTERFACES(Layer.CAPTURE, "pcapng.too_many_interfaces", "a section describes more interfaces than kept", true),
    PCAPNG_BAD_OPTION(Layer.CAPTURE, "pcapng.bad_option", "an interface option overruns its block or is out of range"),
    GZIP_TRUNCATED(Layer.CAPTURE, "gzip.truncated", "the compressed capture ends early"),
    GZIP_CORRUPT(Layer.CAPTURE, "gzip.corrupt", "the compressed capture is corrupt"),
    SHARD_TABLE_CLEARED(Layer.CAPTURE, "shard.table_cleared", "the sharder's host table filled up and was cleared", true),

    // IP
    DEFRAG_TRACKER_CAP(Layer.DECODE, "decoder.ipv4.frag_tracker_cap", "an unfinished IPv4 datagram dropped to make room", true),

    // NetBIOS session service, SMB framing
    NBSS_MESSAGE_LOST_IN_GAP(Layer.APPLAYER, "smb", "nbss.message_lost_in_gap", "a stream gap swallowed (part of) an SMB message"),
    NBSS_DESYNC(Layer.APPLAYER, "smb", "nbss.desync", "the NetBIOS framing lost its place in the stream"),
    NBSS_INCOMPLETE_AT_END(Layer.APPLAYER, "smb", "nbss.incomplete_at_end", "the flow ended inside an SMB message"),
    SMB_NOT_SMB(Layer.APPLAYER, "smb", "smb.not_smb", "a NetBIOS message without SMB magic"),
    SMB_MALFORMED_DATA(Layer.APPLAYER, "smb", "malformed_data", "an SMB1 or SMB2 command body could not be parsed"),

    // SMB1
    SMB1_SHORT_HEADER(Layer.APPLAYER, "smb", "smb1.short_header", "an SMB1 message shorter than its header"),
    SMB1_BAD_ANDX_OFFSET(Layer.APPLAYER, "smb", "smb1.bad_andx_offset", "an AndX offset pointing backwards or outside the message"),
    SMB1_ANDX_CHAIN_TOO_LONG(Layer.APPLAYER, "smb", "smb1.andx_chain_too_long", "an AndX chain longer than followed", true),
    SMB1_BAD_UNICODE(Layer.APPLAYER, "smb", "smb1.bad_unicode", "a string field with bad UTF-16"),
    SMB1_BAD_LENGTH(Layer.APPLAYER, "smb", "smb1.bad_length", "a field's offset or length points outside the message"),
    SMB1_BAD_FIELD(Layer.APPLAYER, "smb", "smb1.bad_field", "a field with a value that cannot be"),
    SMB1_SHORT_WORDS(Layer.APPLAYER, "smb", "smb1.short_words", "a WordCount too small for the command"),
    SMB1_PENDING_CAP(Layer.APPLAYER, "smb", "smb1.pending_cap", "an unanswered SMB1 request forgotten to make room", true),
    SMB1_SESSION_CAP(Layer.APPLAYER, "smb", "smb1.session_cap", "an SMB1 session forgotten to make room", true),
    SMB1_TREE_CAP(Layer.APPLAYER, "smb", "smb1.tree_cap", "an SMB1 tree forgotten to make room", true),
    SMB1_FILE_CAP(Layer.APPLAYER, "smb", "smb1.file_cap", "an SMB1 open file forgotten to make room", true),

    // SMB2
    SMB2_BAD_HEADER(Layer.APPLAYER, "smb", "smb2.bad_header", "an SMB2 header that cannot be parsed"),
    SMB2_BAD_NEXT_COMMAND(Layer.APPLAYER, "smb", "smb2.bad_next_command", "a compound's NextCommand outside the message"),
    SMB2_COMPOUND_TOO_LONG(Layer.APPLAYER, "smb", "smb2.compound_too_long", "a compound longer than followed", true),
    SMB2_PENDING_CAP(Layer.APPLAYER, "smb", "smb2.pending_cap", "an unanswered SMB2 request forgotten to make room", true),
    SMB2_SESSION_CAP(Layer.APPLAYER, "smb", "smb2.session_cap", "an SMB2 session forgotten to make room", true),
    SMB2_TREE_CAP(Layer.APPLAYER, "smb", "smb2.tree_cap", "an SMB2 tree forgotten to make room", true),
    SMB2_FILE_CAP(Layer.APPLAYER, "smb", "smb2.file_cap", "an SMB2 open file forgotten to make room", true),

    // DCERPC (over SMB pipes or TCP)
    DCERPC_BAD_HEADER(Layer.APPLAYER, "dcerpc", "dcerpc.bad_header", "bytes without a DCERPC header skipped"),
    DCERPC_MALFORMED(Layer.APPLAYER, "dcerpc", "dcerpc.malformed", "a DCERPC PDU that cannot be parsed"),
    DCERPC_BAD_NDR(Layer.APPLAYER, "dcerpc", "dcerpc.bad_ndr", "NDR arguments of a call that cannot be decoded"),
    DCERPC_INCOMPLETE_AT_END(Layer.APPLAYER, "dcerpc", "dcerpc.incomplete_at_end", "the flow ended inside a DCERPC PDU"),
    DCERPC_BUFFER_CAP(Layer.APPLAYER, "dcerpc", "dcerpc.buffer_cap", "bytes held for a PDU beyond the cap dropped", true),
    DCERPC_STUB_CAP(Layer.APPLAYER, "dcerpc", "dcerpc.stub_cap", "a call's stub beyond the cap not reassembled", true),
    DCERPC_CALL_CAP(Layer.APPLAYER, "dcerpc", "dcerpc.call_cap", "an open DCERPC call forgotten to make room", true),
    DCERPC_CONTEXT_CAP(Layer.APPLAYER, "dcerpc", "dcerpc.context_cap", "a presentation context forgotten to make room", true),
    DCERPC_PIPE_CAP(Layer.APPLAYER, "dcerpc", "dcerpc.pipe_cap", "a named pipe's DCERPC state forgotten to make room", true),

    // state kept across flows above the application layer: counted once the run ends
    DETECT_SMB_SCAN_CAP(Layer.DETECT, "detect.smb_scan_cap", "a scanning source forgotten by the smb-scan detector", true),
    DETECT_PASSWORD_GUESSING_CAP(Layer.DETECT, "detect.password_guessing_cap",
            "a source or session forgotten by the password-guessing detector", true),
    DETECT_MS17010_CAP(Layer.DETECT, "detect.ms17_010_cap", "a connection or report forgotten by the ms17-010 detector", true),
    DETECT_NULL_SESSION_CAP(Layer.DETECT, "detect.null_session_enum_cap", "a report forgotten by the null-session-enum detector", true),
    DETECT_REMOTE_EXEC_CAP(Layer.DETECT, "detect.remote_exec_cap", "a dropped file or report forgotten by the remote-exec detector", true),
    ENGINE_DCERPC_CAP(Layer.DETECT, "detect.engine_dcerpc_cap", "a DCERPC bind or call the rule engine did not remember for a flow", true),
    RULE_THRESHOLD_CAP(Layer.DETECT, "detect.threshold_cap", "a rule's threshold or detection_filter state forgotten", true),
    INCIDENT_CAP(Layer.DETECT, "detect.incident_cap", "an open incident closed early to make room", true),
    SMB_TX_PENDING_CAP(Layer.APPLAYER, "smb", "smb.tx_pending_cap", "a transaction (SMB request or DCERPC call) handed on unanswered to make room", true),

    // outputs: counted once the run ends
    FILTER_HELD_CAP(Layer.OUTPUT, "output.filter_held_cap", "a frame with more messages than held, judged on those held", true),
    ZEEK_PENDING_CAP(Layer.OUTPUT, "output.zeek_pending_cap", "a Zeek ntlm logon or unanswered dce_rpc row written early to make room", true),
    FILES_CAP(Layer.OUTPUT, "files.extraction_cap", "a file transfer not followed, or data of one dropped, by a file-extraction cap", true);

    /** Where an anomaly is found; {@link #eveType} is the EVE anomaly "type", null when not logged. */
    public enum Layer {
        CAPTURE(null), DECODE("decode"), STREAM("stream"), APPLAYER("applayer"), DETECT(null), OUTPUT(null);

        public final String eveType;

        Layer(String eveType) {
            this.eveType = eveType;
        }
    }

    public final Layer layer;
    /** The application protocol (EVE app_proto), null below the application layer. */
    public final String appProto;
    /** The name EVE writes as the anomaly's "event". */
    public final String event;
    public final String description;
    /** True for a limit that evicted or refused state. */
    public final boolean cap;

    AnomalyKind(Layer layer, String event, String description) {
        this(layer, null, event, description, false);
    }

    AnomalyKind(Layer layer, String event, String description, boolean cap) {
        this(layer, null, event, description, cap);
    }

    AnomalyKind(Layer layer, String appProto, String event, String description) {
        this(layer, appProto, event, description, false);
    }

    AnomalyKind(Layer layer, String appProto, String event, String description, boolean cap) {
        this.layer = layer;
        this.appProto = appProto;
        this.event = event;
        this.description = description;
        this.cap = cap;
    }

    /** The name counted in the statistics: the event, prefixed by its protocol when Suricata's name is bare. */
    public String key() {
        return event.indexOf('.') >= 0 || appProto == null ? event : appProto + "." + event;
    }
}
