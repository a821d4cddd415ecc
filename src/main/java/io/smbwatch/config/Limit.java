package io.smbwatch.config;

/**
 * Every limit of smbwatch in one place: its key (under {@code limits:} in the configuration
 * file), default, unit and the reason for that default. {@link Kind#RUN} limits bound per-run
 * state built from traffic and can be set in the file or on the command line; {@link Kind#FIXED}
 * ones are bounds of a format or of a decoding rule (each says why it is fixed), read from their
 * default here. docs/CONFIG.md is generated from this list ({@link ConfigDoc}).
 */
public enum Limit {
    // capture
    PCAP_RECORD("capture.pcap-record", 1 << 20, Unit.BYTES, Kind.FIXED,
            "largest pcap record accepted; libpcap writes at most 262 144 bytes (its largest snaplen)"
                    + "; fixed: the readers check it before a run's limits exist, and it only bounds one buffer"),
    PCAPNG_BLOCK("capture.pcapng-block", 16 << 20, Unit.BYTES, Kind.FIXED,
            "largest pcapng block accepted; bounds the read window a hostile length can make us allocate"
                    + "; fixed: a larger one is not a pcapng file any tool writes"),
    PCAPNG_INTERFACES("capture.pcapng-interfaces", 1 << 16, Unit.INTERFACES, Kind.FIXED,
            "interfaces kept per pcapng section; each costs memory but only 20 bytes of file"
                    + "; fixed: the interface table is part of reading the file format"),
    // packet
    VLAN_TAGS("packet.vlan-tags", 4, Unit.TAGS, Kind.FIXED,
            "stacked VLAN tags walked; real networks stack two (QinQ)"
                    + "; fixed: a deeper stack is treated as malformed, a decoding rule"),
    IP_DATAGRAM("ip.datagram-size", 65535, Unit.BYTES, Kind.FIXED,
            "largest reassembled IPv4 datagram: the 16-bit total length; fixed: the IPv4 format"),
    IPV6_EXTENSIONS("packet.ipv6-extensions", 8, Unit.HEADERS, Kind.FIXED,
            "IPv6 extension headers of one kind walked before the packet is malformed; RFC 8200 allows each at "
                    + "most once or twice; fixed: a decoding rule, beyond it the packet is malformed"),
    IP_FRAGMENTS_PENDING("ip.fragments-pending", 1024, Unit.DATAGRAMS, Kind.RUN,
            "datagrams in reassembly at once; the oldest is dropped first (counted)"),
    IP_FRAGMENT_TIMEOUT("ip.fragment-timeout", 30, Unit.SECONDS, Kind.RUN,
            "capture time a datagram waits for its missing fragments (Linux's ipfrag_time)"),
    // flow and stream (the pipeline's settings)
    FLOWS("flow.max", 100_000, Unit.FLOWS, Kind.RUN,
            "flows tracked at once; the least recently used is evicted beyond it, keeping a capture of any "
                    + "length in bounded memory on a small heap"),
    FLOW_IDLE_TIMEOUT("flow.idle-timeout", 600, Unit.SECONDS, Kind.RUN,
            "capture time an idle flow is kept: SMB clients keep idle connections open and send an echo or "
                    + "keepalive every few minutes"),
    FLOW_CLOSED_TIMEOUT("flow.closed-timeout", 5, Unit.SECONDS, Kind.RUN,
            "capture time a flow is kept after FIN or RST, for the last retransmissions"),
    STREAM_OUT_OF_ORDER("stream.out-of-order-per-direction", 1 << 20, Unit.BYTES, Kind.RUN,
            "out-of-order bytes held per direction waiting for a hole to fill; beyond it the hole is a gap"),
    STREAM_OUT_OF_ORDER_TOTAL("stream.out-of-order-total", 64L << 20, Unit.BYTES, Kind.RUN,
            "out-of-order bytes held over all flows; beyond it the hole is a gap"),
    MESSAGE("nbss.message-size", 0xffffff, 1, 0xffffff, Unit.BYTES, Kind.RUN,
            "longest message kept whole (the NBSS maximum); longer ones are cut to their head"),
    NBSS_HEAD("nbss.message-head", 64 * 1024, 64, 0xffffff, Unit.BYTES, Kind.RUN,
            "head handed on of a file read or write longer than it when nothing reads file data (no rules, no file "
                    + "outputs); the rest is stepped over unbuffered"),
    NBSS_LENGTH("nbss.length", 0xffffff, Unit.BYTES, Kind.FIXED,
            "NBSS lengths are 24-bit in direct TCP: nothing larger can be framed (RFC 1002, MS-SMB2 2.1)"
                    + "; fixed: the framing format"),
    WORKERS("workers.max", 64, Unit.THREADS, Kind.FIXED,
            "most analysis threads (--workers): each holds a flow table and engine of its own"
                    + "; fixed: the range --workers accepts, not a cap on traffic"),
    SHARD_AHEAD("workers.ahead", 16L << 20, Unit.BYTES, Kind.FIXED,
            "records one worker holds for the merge beyond one chunk before it waits; fixed: a buffer of the "
                    + "hand-over between threads, it bounds memory and changes no output"),
    SHARD_PAYLOAD("workers.payload-copy", 64 * 1024, Unit.BYTES, Kind.FIXED,
            "bytes of a message's payload copied for the merge; fixed: the outputs and detectors after the merge "
                    + "read no further, so a run cannot need more"),
    SHARD_FILE_DATA("workers.file-data-copy", 512, Unit.BYTES, Kind.FIXED,
            "bytes of a message's file data copied for the merge (magic numbers, a DCERPC header); fixed: what "
                    + "the merge's consumers read of it"),
    SHARD_SLOTS_INITIAL("workers.shard-slots-min", 1 << 10, Unit.SLOTS, Kind.FIXED,
            "initial size of the table placing flows on workers"
                    + "; fixed: changing it changes which worker a flow lands on, so outputs of -w runs would differ"),
    SHARD_SLOTS_CEILING("workers.shard-slots-max", 1 << 20, Unit.SLOTS, Kind.FIXED,
            "largest table placing flows on workers; it is cleared (counted) when three quarters full"
                    + "; fixed: as for the initial size, placement depends on it"),
    // protocol parsers
    NTLMSSP_STRING("auth.ntlmssp-string", 1024, Unit.BYTES, Kind.FIXED,
            "longest NTLMSSP string field decoded; longer ones are cut (attacker-controlled)"
                    + "; fixed: a bound of the pure parser, its output format (the fields decoded) depends on it"),
    SMB1_STRING("smb1.string", 65534, Unit.BYTES, Kind.FIXED,
            "longest SMB1 string decoded: 32 767 UTF-16 units is the longest NTFS path"
                    + "; fixed: the NTFS path length, a property of the format"),
    SMB1_ANDX_CHAIN("smb1.andx-chain", 16, Unit.COMMANDS, Kind.FIXED,
            "longest AndX chain followed; a longer one is reported as malformed (real chains hold 2 or 3)"
                    + "; fixed: a decoding rule, a longer chain is malformed"),
    SMB1_FIND_ENTRIES("smb1.find-entries", 512, Unit.ENTRIES, Kind.FIXED,
            "directory entries named from one FIND response"
                    + "; fixed: a bound of the pure parser, its output (names listed) depends on it"),
    SMB1_DIALECTS("smb1.dialects", 64, Unit.DIALECTS, Kind.FIXED,
            "dialect strings read from one Negotiate request (Windows offers a dozen)"
                    + "; fixed: a bound of the pure parser; Negotiate with more is malformed in practice"),
    SMB2_ITEMS("smb2.items", 64, Unit.ENTRIES, Kind.FIXED,
            "dialects, contexts or entries read from one SMB2 message"
                    + "; fixed: a bound of the pure parser, its output depends on it"),
    SMB2_NAME("smb2.name", 65534, Unit.BYTES, Kind.FIXED,
            "longest SMB2 name decoded: 32 767 UTF-16 units is the longest path NTFS takes"
                    + "; fixed: the NTFS path length, a property of the format"),
    SMB2_COMPOUND("smb2.compound", 64, Unit.MESSAGES, Kind.FIXED,
            "messages followed in one SMB2 compound; more is reported as malformed"
                    + "; fixed: a decoding rule, a longer compound is malformed"),
    NDR_STRING("dcerpc.ndr-string", 32 * 1024, Unit.CHARACTERS, Kind.FIXED,
            "longest NDR string decoded; a longer one fails the decoding of its call"
                    + "; fixed: a decoding rule of the NDR parser (MS-RPCE strings of real calls are far shorter)"),
    NDR_ELEMENTS("dcerpc.ndr-elements", 4096, Unit.ELEMENTS, Kind.FIXED,
            "most NDR array elements decoded; fixed: a decoding rule of the NDR parser"),
    // application state
    SMB1_SESSIONS("smb1.sessions", 64, Unit.SESSIONS, Kind.RUN,
            "SMB1 sessions per connection: a client rarely holds more than a few"),
    SMB1_TREES("smb1.trees", 256, Unit.TREES, Kind.RUN,
            "SMB1 tree connects per connection"),
    SMB1_FILES("smb1.files", 4096, Unit.FILES, Kind.RUN,
            "SMB1 open files per connection: thousands at most in real use"),
    SMB1_PENDING("smb1.pending", 1024, Unit.REQUESTS, Kind.RUN,
            "SMB1 requests waiting for their response per connection; the oldest goes first"),
    SMB2_PENDING("smb2.pending", 1024, Unit.REQUESTS, Kind.RUN,
            "SMB2 requests waiting for their response per connection; the oldest goes first"),
    SMB2_SESSIONS("smb2.sessions", 4096, Unit.SESSIONS, Kind.RUN,
            "SMB2 sessions over all connections (shared: a session may bind several connections)"),
    SMB2_TREES("smb2.trees", 16384, Unit.TREES, Kind.RUN,
            "SMB2 tree connects over all connections"),
    SMB2_FILES("smb2.files", 65536, Unit.FILES, Kind.RUN,
            "SMB2 open files over all connections (durable handles may move between connections)"),
    DCERPC_PIPES("dcerpc.pipes", 64, Unit.PIPES, Kind.RUN,
            "named pipes carrying DCERPC followed per SMB connection"),
    DCERPC_BUFFER("dcerpc.buffer", 128 * 1024, Unit.BYTES, Kind.RUN,
            "bytes held per direction waiting for the rest of a PDU (frag_length is 16 bits: two PDUs fit)"),
    DCERPC_STUB("dcerpc.stub", 1024 * 1024, Unit.BYTES, Kind.RUN,
            "stub bytes reassembled per call and direction; more are counted, not kept"),
    DCERPC_CALLS("dcerpc.calls", 256, Unit.CALLS, Kind.RUN,
            "DCERPC calls waiting for their response per pipe; the oldest is forgotten first (counted)"),
    DCERPC_CONTEXTS("dcerpc.contexts", 64, Unit.CONTEXTS, Kind.RUN,
            "presentation contexts bound per pipe; the oldest is forgotten first (counted)"),
    // detection
    DETECTION_FRAMES("detect.evidence-frames", 32, Unit.FRAMES, Kind.RUN,
            "frames kept as evidence per detection (the last ones)"),
    SCAN_LISTED("detect.scan-destinations", 256, Unit.HOSTS, Kind.RUN,
            "destinations listed in one smb-scan detection; the rest are only counted"),
    DETECT_STATE("detect.state", 65_536, Unit.ENTRIES, Kind.RUN,
            "sources, sessions, connections and reports each built-in detector keeps across flows; the oldest is "
                    + "forgotten first (counted per detector)"),
    DETECT_REMOTE_EXEC_DROPS("detect.remote-exec-drops", 64, Unit.FILES, Kind.RUN,
            "executables written to one host by one source that remote-exec remembers; the oldest is forgotten "
                    + "first (counted)"),
    ASN1_FRAMES("rules.asn1-depth", 30, Unit.LEVELS, Kind.FIXED,
            "nesting followed by the asn1 keyword; bounds its recursion"
                    + "; fixed: it bounds the check's recursion, so the stack a run needs"),
    PREFILTER_SETS("rules.prefilter-sets", 64, Unit.SETS, Kind.RUN,
            "distinct header-fitting rule sets kept per rule group; flows beyond share the group's whole prefilter"),
    PREFILTER_SCOPED("rules.scoped-prefilters", 256, Unit.SETS, Kind.RUN,
            "scanners built over the patterns of one set of passing rule heads"),
    THRESHOLD_ENTRIES("rules.threshold-entries", 65_536, Unit.ENTRIES, Kind.RUN,
            "threshold and detection_filter trackers; the least recently used is dropped first (counted)"),
    RULES_DCERPC_PIPES("rules.dcerpc-pipes", 256, Unit.PIPES, Kind.RUN,
            "pipes per flow whose bound interface the engine remembers for dcerpc.iface; later ones are refused "
                    + "(counted)"),
    RULES_DCERPC_VERSIONS("rules.dcerpc-versions", 256, Unit.ENTRIES, Kind.RUN,
            "interface versions bound per flow remembered for dcerpc.iface; later ones are refused (counted)"),
    RULES_DCERPC_CALLS("rules.dcerpc-calls", 1024, Unit.CALLS, Kind.RUN,
            "calls per flow whose opnum the engine remembers for their response's dcerpc.opnum; later ones are "
                    + "refused (counted)"),
    RULES_RAW_WINDOW("rules.raw-window", 1 << 20, 4096, Integer.MAX_VALUE / 2, Unit.BYTES, Kind.RUN,
            "raw stream bytes held per direction for stream rules while the peer does not acknowledge them; beyond, "
                    + "the older half is inspected and dropped"),
    RULES_STREAM_CHUNK("rules.stream-chunk", 2560, 1, 1 << 20, Unit.BYTES, Kind.RUN,
            "acknowledged raw stream bytes that make a chunk for stream rules (Suricata's stream.reassembly "
                    + "toserver/toclient-chunk-size)"),
    RULES_MSG_WINDOW("rules.message-window", 16_384, 0, Integer.MAX_VALUE / 2, Unit.BYTES, Kind.RUN,
            "bytes of earlier SMB messages per direction joined to the current one for rules whose contents lie in "
                    + "several messages (a DCERPC interface UUID of the Bind with contents of the Request); whole "
                    + "messages only, the oldest dropped first; 0: no such window"),
    RULES_MATCH_STEPS("rules.match-steps", 3000, Unit.STEPS, Kind.RUN,
            "content and pcre steps tried per rule and buffer before giving up, a no-match (Suricata's "
                    + "detect.inspection-recursion-limit)"),
    RULES_PCRE_BUDGET("rules.pcre-budget", 1_000_000, Unit.CHARACTERS, Kind.RUN,
            "characters one pcre may read per inspection before it is stopped, a no-match: bounds catastrophic "
                    + "backtracking"),
    INCIDENT_GAP("incidents.gap", 3600, Unit.SECONDS, Kind.RUN,
            "capture time without an alert of its kind from its source that ends an incident"),
    INCIDENTS_OPEN("incidents.open", 100_000, Unit.INCIDENTS, Kind.RUN,
            "incidents open at once; the oldest is closed first"),
    INCIDENT_TARGETS("incidents.targets", 64, Unit.HOSTS, Kind.RUN,
            "targets kept per incident; the rest are counted"),
    INCIDENT_FRAMES("incidents.frames", 32, Unit.FRAMES, Kind.RUN,
            "sample frames kept per incident"),
    // transactions (app.tx)
    TX_SMB_PENDING("tx.smb-pending", 1024, Unit.TRANSACTIONS, Kind.RUN,
            "SMB requests and pipe calls waiting for their response per flow while transactions are paired; the "
                    + "oldest is handed on unanswered (counted)"),
    TX_DCERPC_PENDING("tx.dcerpc-pending", 1024, Unit.TRANSACTIONS, Kind.RUN,
            "DCERPC-over-TCP calls waiting for their response per flow while transactions are paired; the oldest "
                    + "is handed on unanswered (counted)"),
    // outputs
    ZEEK_PENDING("zeek.pending", 4096, Unit.REQUESTS, Kind.RUN,
            "calls and logons waiting for their response over all connections in the Zeek logs; the oldest is "
                    + "written early (counted)"),
    FILES_PER_FLOW("files.per-flow", 64, Unit.FILES, Kind.RUN,
            "file transfers followed at once per flow"),
    FILES_TOTAL("files.total", 256, Unit.FILES, Kind.RUN,
            "file transfers followed at once over all flows"),
    FILE_RANGES("files.ranges", 4096, Unit.RANGES, Kind.RUN,
            "separate covered ranges kept per file; data making more is dropped"),
    FILE_SIZE("files.size", 1L << 32, 1, Long.MAX_VALUE, Unit.BYTES, Kind.RUN,
            "largest offset + length accepted: SMB offsets are 64-bit, a bogus one must not make a huge sparse file"),
    FILES_REORDER_MEMORY("files.reorder-memory", 8L << 20, 0, Long.MAX_VALUE, Unit.BYTES, Kind.RUN,
            "file data held in memory, over all transfers, while it waits for the bytes before it to be hashed "
            + "(parallel SMB2 reads come in any order); beyond it, it waits in a private temporary file"),
    FILTER_DEPTH("filter.depth", 256, Unit.LEVELS, Kind.FIXED,
            "parentheses nested in a display filter; bounds the parser's recursion"
                    + "; fixed: part of the display-filter grammar we accept"),
    FILTER_RECENT("filter.recent-frames", 64, Unit.FRAMES, Kind.RUN,
            "frames whose display-filter verdict is kept for notes that come late (a flow's end); a note about an "
                    + "older frame is judged on no message"),
    FILTER_REGEX_BUDGET("filter.regex-budget", 1_000_000, Unit.CHARACTERS, Kind.RUN,
            "characters one display-filter regular expression may read per value before it is stopped, a no-match"),
    FILTER_HELD("filter.held-messages", 4096, Unit.MESSAGES, Kind.RUN,
            "messages of one frame held until the display filter decides on the frame"),
    REPORT_SOURCES("report.sources", 10_000, Unit.HOSTS, Kind.RUN,
            "sources described in the HTML report; the rest are counted"),
    REPORT_PER_SOURCE("report.per-source", 200, Unit.ENTRIES, Kind.RUN,
            "entries (files, shares, users ...) kept per source in the report"),
    REPORT_KEYS("report.keys", 5_000, Unit.ENTRIES, Kind.RUN,
            "distinct keys kept per report table"),
    ANOMALIES_KEPT("anomalies.kept", 1000, Unit.ANOMALIES, Kind.RUN,
            "anomalies kept with their details for the statistics; the rest are only counted");

    /** Whether a run may set the limit. */
    public enum Kind { RUN, FIXED }

    /** What a limit counts. */
    public enum Unit {
        BYTES, SECONDS, FLOWS, SLOTS, INTERFACES, TAGS, DATAGRAMS, COMMANDS, ENTRIES, DIALECTS, MESSAGES,
        CHARACTERS, ELEMENTS, SESSIONS, TREES, FILES, REQUESTS, PIPES, CALLS, CONTEXTS, FRAMES, HOSTS, LEVELS,
        SETS, INCIDENTS, THREADS, TRANSACTIONS, RANGES, ANOMALIES, STEPS, HEADERS;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String key;
    private final long defaultValue, min, max;
    private final Unit unit;
    private final Kind kind;
    private final String reason;

    Limit(String key, long defaultValue, Unit unit, Kind kind, String reason) {
        this(key, defaultValue, 1, Integer.MAX_VALUE, unit, kind, reason);
    }

    Limit(String key, long defaultValue, long min, long max, Unit unit, Kind kind, String reason) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.unit = unit;
        this.kind = kind;
        this.reason = reason;
    }

    /** The key under {@code limits:}, e.g. {@code smb2.sessions}. */
    public String key() {
        return key;
    }

    public long defaultValue() {
        return defaultValue;
    }

    /** The default of a limit that fits an int (all but a few byte sizes). */
    public int defaultInt() {
        return Math.toIntExact(defaultValue);
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public Unit unit() {
        return unit;
    }

    public Kind kind() {
        return kind;
    }

    public boolean settable() {
        return kind == Kind.RUN;
    }

    public String reason() {
        return reason;
    }

    /** The limit with this key, or null. */
    public static Limit byKey(String key) {
        for (Limit l : values()) {
            if (l.key.equals(key)) return l;
        }
        return null;
    }
}
