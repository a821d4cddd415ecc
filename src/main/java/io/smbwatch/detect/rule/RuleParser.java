package io.smbwatch.detect.rule;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses one Suricata rule: {@code action proto src sport -> dst dport (options)}. Options are
 * split at semicolons not escaped by a backslash, as Suricata does; quoted values lose their quotes
 * and escapes. Every keyword is either understood or rejected with the reason "unsupported keyword
 * NAME" (never ignored); a rule for a protocol smbwatch does not inspect is rejected with
 * "unsupported protocol NAME".
 */
public final class RuleParser {
    private final RuleVars vars;
    private final Classifications classes;

    public RuleParser(RuleVars vars, Classifications classes) {
        this.vars = vars;
        this.classes = classes;
    }

    /** Parses one rule (one logical line, without a leading '#'). */
    public Rule parse(String text, String file, int line) throws RuleException {
        String s = text.trim();
        int open = s.indexOf('(');
        if (open < 0 || !s.endsWith(")")) throw new RuleException("syntax", "no option list in parentheses");
        String[] h = s.substring(0, open).trim().split("\\s+");
        if (h.length != 7) throw new RuleException("syntax", "header needs 7 fields (action proto src sport dir dst dport), has " + h.length);
        String action = h[0];
        switch (action) {
            case "alert": case "pass": case "drop": case "reject": case "rejectsrc": case "rejectdst": case "rejectboth": break;
            default: throw new RuleException("syntax", "unknown action " + action);
        }
        Rule.Protocol proto = protocol(h[1]);
        String inert = proto == null ? "protocol " + h[1].toLowerCase() + ": smbwatch has no parser for it" : null;
        if (!h[4].equals("->") && !h[4].equals("<>")) throw new RuleException("syntax", "direction must be -> or <>, is " + h[4]);
        AddressSpec src = AddressSpec.parse(h[2], vars), dst = AddressSpec.parse(h[5], vars);
        PortSpec sp = PortSpec.parse(h[3], vars), dp = PortSpec.parse(h[6], vars);
        Builder b = new Builder();
        for (String opt : splitOptions(s.substring(open + 1, s.length() - 1))) option(b, opt);
        if (inert == null) inert = b.inert;
        if (b.sid < 0) throw new RuleException("syntax", "no sid");
        if (b.msg == null) b.msg = "";
        Element.Content fp = null;
        BufferKind fpBuf = null;
        for (Map.Entry<BufferKind, List<Element>> e : b.buffers.entrySet()) {
            for (Element el : e.getValue()) {
                if (el instanceof Element.Content c && !c.negated) {
                    if (c.fastPattern) {
                        fp = c;
                        fpBuf = e.getKey();
                    } else if (!(fp != null && fp.fastPattern)) {
                        boolean better = fp == null || (fpBuf != BufferKind.PAYLOAD && e.getKey() == BufferKind.PAYLOAD)
                                || (fpBuf == e.getKey() && c.pattern.length > fp.pattern.length);
                        if (better) {
                            fp = c;
                            fpBuf = e.getKey();
                        }
                    }
                }
            }
        }
        String category = null;
        int priority = b.priority;
        if (b.classtype != null) {
            Classifications.Entry ce = classes.get(b.classtype);
            if (ce == null) throw new RuleException("unknown classtype", "classtype " + b.classtype + " is not in classification.config");
            category = ce.description();
            if (priority == 0) priority = ce.priority();
        }
        if (priority == 0) priority = 3;
        Map<BufferKind, List<Element>> bufs = new EnumMap<>(BufferKind.class);
        for (Map.Entry<BufferKind, List<Element>> e : b.buffers.entrySet()) bufs.put(e.getKey(), List.copyOf(e.getValue()));
        Map<String, List<String>> md = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : b.metadata.entrySet()) {
            // plain loops, not streams: this runs cold, once per key of every rule
            List<String> v = new ArrayList<>(e.getValue());
            java.util.Collections.sort(v);
            md.put(e.getKey(), List.copyOf(v));
        }
        return new Rule(file, line, s, action, proto, src, sp, h[4].equals("<>"), dst, dp,
                b.gid, b.sid, b.rev, b.msg, b.classtype, category, priority, List.copyOf(b.references),
                java.util.Collections.unmodifiableMap(md), b.target, b.flow, inert, b.tcpFlags, java.util.Collections.unmodifiableMap(bufs), fp, fpBuf,
                b.dsize, List.copyOf(b.flowbits), b.threshold, b.detectionFilter, b.noalert, b.smbVersion,
                List.copyOf(b.ifaces), b.opnums, List.copyOf(b.fileNames), b.varNames.size());
    }

    private static Rule.Protocol protocol(String p) throws RuleException {
        switch (p.toLowerCase()) {
            case "tcp": return Rule.Protocol.TCP;
            case "tcp-pkt": return Rule.Protocol.TCP_PKT;
            case "tcp-stream": return Rule.Protocol.TCP_STREAM;
            case "udp": return Rule.Protocol.UDP;
            case "ip": case "pkthdr": return Rule.Protocol.IP;
            case "smb": return Rule.Protocol.SMB;
            case "dcerpc": return Rule.Protocol.DCERPC;
            default:
                if (INERT_PROTOCOLS.contains(p.toLowerCase())) return null;
                throw new RuleException("unsupported protocol " + p.toLowerCase(), "protocol " + p + " is not known");
        }
    }

    /** Suricata app-layer protocols smbwatch has no parser for: their rules load but never match. */
    static final java.util.Set<String> INERT_PROTOCOLS = java.util.Set.of("http", "http1", "http2", "dns", "tls", "smtp", "ftp",
            "ftp-data", "ssh", "icmp", "icmpv4", "icmpv6", "krb5", "nfs", "ntp", "dhcp", "snmp", "sip", "rdp", "mqtt", "modbus",
            "dnp3", "enip", "ikev2", "ike", "tftp", "rfb", "quic", "imap", "pop3", "pgsql", "telnet", "bittorrent-dht", "websocket", "ldap");

    /** Sticky buffers of protocols smbwatch does not parse (Suricata 7 names): accepted, never filled. */
    static boolean inertBuffer(String kw) {
        return kw.startsWith("http.") || kw.startsWith("http_") || kw.startsWith("dns.") || kw.equals("dns_query")
                || kw.startsWith("tls.") || kw.startsWith("tls_") || kw.startsWith("ja3") || kw.startsWith("ssh.") || kw.startsWith("ssh_")
                || kw.startsWith("krb5") || kw.startsWith("sip.") || kw.startsWith("smtp.") || kw.startsWith("ftp.")
                || kw.startsWith("mqtt.") || kw.startsWith("quic.") || kw.startsWith("snmp.") || kw.startsWith("rfb.")
                || kw.equals("base64_data") || kw.startsWith("file.magic") || kw.equals("file_magic");
    }

    /** Splits at semicolons not escaped by a backslash; trims; drops empty parts. */
    static List<String> splitOptions(String s) {
        List<String> l = new ArrayList<>();
        int start = 0, n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;                       // the escaped character stays, with its backslash
            } else if (c == ';') {
                addOption(l, s, start, i);
                start = i + 1;
            }
        }
        addOption(l, s, start, n);
        return l;
    }

    private static void addOption(List<String> l, String s, int from, int to) {
        String o = s.substring(from, Math.min(to, s.length())).trim();
        if (!o.isEmpty()) l.add(o);
    }

    private static final class Builder {
        long sid = -1;
        int gid = 1, rev = 0, priority, flow, smbVersion;
        String msg, classtype, target;
        List<String> references = new ArrayList<>();
        Map<String, List<String>> metadata = new LinkedHashMap<>();
        Map<BufferKind, List<Element>> buffers = new EnumMap<>(BufferKind.class);
        BufferKind current = BufferKind.PAYLOAD;
        Element.Content lastContent;
        String[] dsize;
        List<Rule.Flowbit> flowbits = new ArrayList<>();
        Rule.Threshold threshold, detectionFilter;
        boolean noalert;
        List<String[]> ifaces = new ArrayList<>();
        int[] opnums;
        List<String> fileNames = new ArrayList<>();
        List<String> varNames = new ArrayList<>();
        String inert;
        String tcpFlags;
        String[] streamSize;

        void add(Element e) {
            buffers.computeIfAbsent(current, k -> new ArrayList<>()).add(e);
            if (e instanceof Element.Content c) lastContent = c;
        }

        int var(String name) {
            int i = varNames.indexOf(name);
            return i;
        }
    }

    private void option(Builder b, String opt) throws RuleException {
        int colon = opt.indexOf(':');
        String kw = (colon < 0 ? opt : opt.substring(0, colon)).trim();
        String val = colon < 0 ? null : opt.substring(colon + 1).trim();
        BufferKind sticky = BufferKind.sticky(kw);
        if (sticky != null && val == null) {
            b.current = sticky;
            return;
        }
        if (inertBuffer(kw)) {
            // a buffer or keyword of another protocol: parsed, never filled, so the rule never matches
            if (b.inert == null) b.inert = "buffer " + kw + ": smbwatch does not fill it";
            b.current = BufferKind.NONE;
            return;
        }
        if (describing(b, kw, val) || inspecting(b, kw, val) || modifier(b, kw, val) || flowKeyword(b, kw, val)
                || smbKeyword(b, kw, val)) {
            return;
        }
        switch (kw) {
            case "urilen": case "dotprefix": case "tls_cert_notbefore": case "tls_cert_notafter": case "tls_cert_expired": case "tls_cert_valid":
            case "ssl_version": case "ssl_state": case "tls.version": case "ja3.hash": case "dns_opcode": case "base64_decode":
            case "itype": case "icode": case "icmp_id": case "icmp_seq": case "app-layer-event": case "app-layer-protocol":
                if (b.inert == null) b.inert = "keyword " + kw + ": smbwatch does not evaluate it";
                return;
            default:
                throw new RuleException("unsupported keyword " + kw, "keyword " + kw + (val == null ? "" : ":" + abbreviate(val)) + " is not supported");
        }
    }

    /** Keywords that describe the rule (msg, sid, metadata, ...); false when kw is none of them. */
    private static boolean describing(Builder b, String kw, String val) throws RuleException {
        switch (kw) {
            case "msg": b.msg = unquote(need(kw, val)); return true;
            case "sid": b.sid = number(kw, val); return true;
            case "rev": b.rev = (int) number(kw, val); return true;
            case "gid": b.gid = (int) number(kw, val); return true;
            case "priority": b.priority = (int) number(kw, val); return true;
            case "classtype": b.classtype = need(kw, val); return true;
            case "reference": b.references.add(need(kw, val).replaceFirst("\\s*,\\s*", ",")); return true;
            case "target": {
                String t = need(kw, val);
                if (!t.equals("src_ip") && !t.equals("dest_ip")) throw new RuleException("bad value", "target must be src_ip or dest_ip");
                b.target = t;
                return true;
            }
            case "metadata":
                for (String part : need(kw, val).split(",")) {
                    String p = part.trim();
                    if (p.isEmpty()) continue;
                    int sp = p.indexOf(' ');
                    String k = sp < 0 ? p : p.substring(0, sp), v = sp < 0 ? "" : p.substring(sp + 1).trim();
                    b.metadata.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
                return true;
            default: return false;
        }
    }

    /** Inspection steps on the current buffer (content, pcre, byte_*, ...); false when kw is none of them. */
    private static boolean inspecting(Builder b, String kw, String val) throws RuleException {
        switch (kw) {
            case "content": content(b, need(kw, val)); return true;
            case "isdataat": isdataat(b, need(kw, val)); return true;
            case "pcre":
                try {
                    b.add(Pcres.parse(need(kw, val)));
                } catch (RuleException e) {
                    if (!e.reason.startsWith("unsupported keyword pcre/")) throw e;
                    if (b.inert == null) b.inert = e.getMessage() + ": smbwatch does not fill it";
                }
                return true;
            case "byte_test": b.add(ByteKeywords.byteTest(need(kw, val), b.varNames)); return true;
            case "byte_jump": b.add(ByteKeywords.byteJump(need(kw, val), b.varNames)); return true;
            case "byte_extract": b.add(ByteKeywords.byteExtract(need(kw, val), b.varNames)); return true;
            case "byte_math": b.add(ByteKeywords.byteMath(need(kw, val), b.varNames)); return true;
            case "bsize": b.add(bsize(need(kw, val))); return true;
            case "asn1": b.add(asn1(need(kw, val))); return true;
            default: return false;
        }
    }

    /** Modifiers of the preceding content (nocase, depth, ...); false when kw is none of them. */
    private static boolean modifier(Builder b, String kw, String val) throws RuleException {
        switch (kw) {
            case "nocase": lastContent(b, kw).nocase = true; return true;
            case "rawbytes": lastContent(b, kw).rawbytes = true; return true;
            case "startswith": {
                Element.Content c = lastContent(b, kw);
                c.startswith = true;
                if (!c.relative()) {
                    c.offset = 0;
                    c.depth = c.pattern.length;
                }
                return true;
            }
            case "endswith": lastContent(b, kw).endswith = true; return true;
            case "depth": { Element.Content c = lastContent(b, kw); int[] v = intOrVar(b, kw, val); c.depth = v[1] < 0 ? v[0] : null; c.depthVar = v[1]; return true; }
            case "offset": { Element.Content c = lastContent(b, kw); int[] v = intOrVar(b, kw, val); c.offset = v[1] < 0 ? v[0] : null; c.offsetVar = v[1]; return true; }
            case "distance": { Element.Content c = lastContent(b, kw); int[] v = intOrVar(b, kw, val); c.distance = v[1] < 0 ? v[0] : null; c.distanceVar = v[1]; return true; }
            case "within": { Element.Content c = lastContent(b, kw); int[] v = intOrVar(b, kw, val); c.within = v[1] < 0 ? v[0] : null; c.withinVar = v[1]; return true; }
            case "fast_pattern": fastPattern(lastContent(b, kw), val); return true;
            default: return false;
        }
    }

    /** Keywords on the flow and its packets, flowbits and alert limits; false when kw is none of them. */
    private static boolean flowKeyword(Builder b, String kw, String val) throws RuleException {
        switch (kw) {
            case "flow": b.flow |= flow(need(kw, val)); return true;
            case "dsize": b.dsize = range(kw, need(kw, val)); return true;
            case "flowbits": flowbits(b, need(kw, val)); return true;
            case "noalert": b.noalert = true; return true;
            case "threshold": b.threshold = threshold(kw, need(kw, val)); return true;
            case "detection_filter": b.detectionFilter = threshold(kw, need(kw, val)); return true;
            case "tag": return true;    // Suricata logs extra packets of the session; smbwatch logs none (docs/RULES.md)
            case "flags": b.tcpFlags = tcpFlags(need(kw, val)); return true;
            default: return false;
        }
    }

    /** SMB and DCERPC keywords that are not sticky buffers; false when kw is none of them. */
    private static boolean smbKeyword(Builder b, String kw, String val) throws RuleException {
        switch (kw) {
            case "smb.version": {
                long v = number(kw, val);
                if (v != 1 && v != 2) throw new RuleException("bad value", "smb.version must be 1 or 2");
                b.smbVersion = (int) v;
                return true;
            }
            case "filename": b.fileNames.add(new String(contentBytes(unquote(need(kw, val))), java.nio.charset.StandardCharsets.ISO_8859_1)); return true;
            case "dcerpc.iface": case "dce_iface": {
                String[] p = need(kw, val).split(",");
                String uuid = p[0].trim().toLowerCase();
                if (!uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) throw new RuleException("bad value", "not a UUID: " + p[0]);
                b.ifaces.add(new String[] {uuid, p.length > 1 ? p[1].trim() : null});
                return true;
            }
            case "dcerpc.opnum": case "dce_opnum": b.opnums = opnums(need(kw, val)); return true;
            default: return false;
        }
    }

    /** flags:[modifier]FLAGS[,MASK]: kept as text, checked by the engine on packets ("S,12"). */
    private static String tcpFlags(String v) throws RuleException {
        String f = v.replace(" ", "");
        if (!f.matches("[!+*]?[FSRPAUCEN0-9]+[!+*]?(,[FSRPAUCE0-9]+)?")) throw new RuleException("bad value", "flags: cannot read " + v);
        return f;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static String need(String kw, String val) throws RuleException {
        if (val == null || val.isEmpty()) throw new RuleException("bad value", kw + " needs a value");
        return val;
    }

    private static long number(String kw, String val) throws RuleException {
        try {
            return Long.parseLong(need(kw, val).trim());
        } catch (NumberFormatException e) {
            throw new RuleException("bad value", kw + ": not a number: " + val);
        }
    }

    /** {literal, -1} or {0, variable index}. */
    private static int[] intOrVar(Builder b, String kw, String val) throws RuleException {
        String v = need(kw, val).trim();
        try {
            return new int[] {Integer.parseInt(v), -1};
        } catch (NumberFormatException e) {
            int i = b.var(v);
            if (i < 0) throw new RuleException("bad value", kw + ": not a number nor a byte_extract variable: " + v);
            return new int[] {0, i};
        }
    }

    private static Element.Content lastContent(Builder b, String kw) throws RuleException {
        if (b.lastContent == null) throw new RuleException("syntax", kw + " without a preceding content");
        return b.lastContent;
    }

    static String unquote(String v) {
        v = v.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) c = v.charAt(++i);
            sb.append(c);
        }
        return sb.toString();
    }

    private static int flow(String v) throws RuleException {
        int f = 0;
        for (String p : v.split(",")) {
            switch (p.trim()) {
                case "established": f |= Rule.FLOW_ESTABLISHED; break;
                case "not_established": f |= Rule.FLOW_NOT_ESTABLISHED; break;
                case "stateless": f |= Rule.FLOW_STATELESS; break;
                case "to_server": case "from_client": f |= Rule.FLOW_TO_SERVER; break;
                case "to_client": case "from_server": f |= Rule.FLOW_TO_CLIENT; break;
                case "only_stream": f |= Rule.FLOW_ONLY_STREAM; break;
                case "no_stream": f |= Rule.FLOW_NO_STREAM; break;
                case "only_frag": f |= Rule.FLOW_ONLY_FRAG; break;
                case "no_frag": f |= Rule.FLOW_NO_FRAG; break;
                default: throw new RuleException("bad value", "flow: unknown option " + p.trim());
            }
        }
        if ((f & Rule.FLOW_TO_SERVER) != 0 && (f & Rule.FLOW_TO_CLIENT) != 0) throw new RuleException("bad value", "flow: to_server and to_client together");
        return f;
    }

    private static void content(Builder b, String v) throws RuleException {
        boolean neg = false;
        v = v.trim();
        if (v.startsWith("!")) {
            neg = true;
            v = v.substring(1).trim();
        }
        if (v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\"")) throw new RuleException("bad value", "content must be quoted");
        byte[] bytes = contentBytes(v.substring(1, v.length() - 1));
        if (bytes.length == 0) throw new RuleException("bad value", "empty content");
        b.add(new Element.Content(bytes, neg));
    }

    /** Content text: |hex| sections and backslash escapes (\" \; \\ \:). */
    static byte[] contentBytes(String s) throws RuleException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean hex = false;
        int nibble = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '|') {
                if (hex && nibble >= 0) throw new RuleException("bad value", "odd number of hex digits in content");
                hex = !hex;
                continue;
            }
            if (hex) {
                if (c == ' ' || c == '\t') continue;
                int d = Character.digit(c, 16);
                if (d < 0) throw new RuleException("bad value", "bad hex digit '" + c + "' in content");
                if (nibble < 0) nibble = d;
                else {
                    out.write(nibble << 4 | d);
                    nibble = -1;
                }
                continue;
            }
            if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
            if (c > 0xff) {
                byte[] u = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(u, 0, u.length);
            } else {
                out.write(c);
            }
        }
        if (hex) throw new RuleException("bad value", "unterminated hex section in content");
        return out.toByteArray();
    }

    private static void fastPattern(Element.Content c, String val) throws RuleException {
        if (c.negated && val == null) {
            // Suricata accepts fast_pattern on a negated content; the prefilter then cannot rely on it
            return;
        }
        c.fastPattern = true;
        if (val == null) return;
        if (val.trim().equals("only")) {
            c.fastPatternOnly = true;
            return;
        }
        String[] p = val.split(",");
        try {
            c.chopOffset = Integer.parseInt(p[0].trim());
            c.chopLength = Integer.parseInt(p[1].trim());
        } catch (RuntimeException e) {
            throw new RuleException("bad value", "fast_pattern: expected only or OFFSET,LENGTH: " + val);
        }
        if (c.chopOffset + c.chopLength > c.pattern.length) throw new RuleException("bad value", "fast_pattern chop beyond the content");
    }

    private static void isdataat(Builder b, String v) throws RuleException {
        String[] p = v.split(",");
        String n = p[0].trim();
        boolean neg = n.startsWith("!");
        if (neg) n = n.substring(1).trim();
        boolean rel = false;
        for (int i = 1; i < p.length; i++) {
            String x = p[i].trim();
            if (x.equals("relative")) rel = true;
            else if (!x.equals("rawbytes")) throw new RuleException("bad value", "isdataat: unknown option " + x);
        }
        int val = 0, var = -1;
        try {
            val = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            var = b.var(n);
            if (var < 0) throw new RuleException("bad value", "isdataat: not a number: " + n);
        }
        b.add(new Element.IsDataAt(val, var, neg, rel));
    }

    /** {@code asn1:} options (Suricata detect-asn1): bitstring_overflow, double_overflow, oversize_length N, absolute_offset N, relative_offset N. */
    public static Element.Asn1 asn1(String v) throws RuleException {
        boolean bits = false, dbl = false;
        long over = -1;
        Integer abs = null, rel = null;
        for (String part : v.split(",")) {
            String[] w = part.trim().split("\\s+");
            if (w.length == 0 || w[0].isEmpty()) continue;
            try {
                switch (w[0]) {
                    case "bitstring_overflow": bits = true; break;
                    case "double_overflow": dbl = true; break;
                    case "oversize_length": over = Long.parseLong(w[1]); if (over < 0 || over > 0xffffffffL) throw new NumberFormatException(); break;
                    case "absolute_offset": abs = Integer.parseInt(w[1]); if (abs < 0 || abs > 65535) throw new NumberFormatException(); break;
                    case "relative_offset": rel = Integer.parseInt(w[1]); if (rel < -65535 || rel > 65535) throw new NumberFormatException(); break;
                    default: throw new RuleException("bad value", "asn1: unknown option " + w[0]);
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new RuleException("bad value", "asn1: bad number in " + part.trim());
            }
        }
        if (abs != null && rel != null) throw new RuleException("bad value", "asn1: absolute_offset and relative_offset together");
        if (!bits && !dbl && over < 0) throw new RuleException("bad value", "asn1: no check given");
        return new Element.Asn1(bits, dbl, over, abs, rel);
    }

    private static Element.Bsize bsize(String v) throws RuleException {
        String[] r = range("bsize", v);
        return new Element.Bsize(r[0], Long.parseLong(r[1]), Long.parseLong(r[2]));
    }

    /** dsize/bsize forms: N, <N, >N, <=N, >=N, !N, A<>B. Returns {op, a, b}. */
    static String[] range(String kw, String v) throws RuleException {
        v = v.replace(" ", "");
        try {
            int r = v.indexOf("<>");
            if (r > 0) {
                long a = Long.parseLong(v.substring(0, r)), bb = Long.parseLong(v.substring(r + 2));
                return new String[] {"<>", Long.toString(a), Long.toString(bb)};
            }
            for (String op : new String[] {"<=", ">=", "<", ">", "!", "="}) {
                if (v.startsWith(op)) return new String[] {op, Long.toString(Long.parseLong(v.substring(op.length()))), "0"};
            }
            return new String[] {"=", Long.toString(Long.parseLong(v)), "0"};
        } catch (NumberFormatException e) {
            throw new RuleException("bad value", kw + ": cannot read " + v);
        }
    }

    private static void flowbits(Builder b, String v) throws RuleException {
        String[] p = v.split(",", 2);
        String cmd = p[0].trim();
        switch (cmd) {
            case "noalert":
                b.noalert = true;
                return;
            case "set": case "unset": case "toggle": case "isset": case "isnotset": break;
            default: throw new RuleException("bad value", "flowbits: unknown command " + cmd);
        }
        if (p.length < 2 || p[1].isBlank()) throw new RuleException("bad value", "flowbits " + cmd + " needs a name");
        String names = p[1].trim();
        boolean all = names.contains("&");
        List<String> l = new ArrayList<>();
        for (String n : names.split("[|&]")) l.add(n.trim());
        b.flowbits.add(new Rule.Flowbit(cmd, List.copyOf(l), all));
    }

    private static Rule.Threshold threshold(String kw, String v) throws RuleException {
        String type = kw.equals("detection_filter") ? "filter" : null, track = null;
        int count = -1, seconds = -1;
        for (String part : v.split(",")) {
            String[] kv = part.trim().split("\\s+", 2);
            if (kv.length != 2) throw new RuleException("bad value", kw + ": cannot read " + part.trim());
            try {
                switch (kv[0]) {
                    case "type": type = kv[1].trim(); break;
                    case "track": track = kv[1].trim(); break;
                    case "count": count = Integer.parseInt(kv[1].trim()); break;
                    case "seconds": seconds = Integer.parseInt(kv[1].trim()); break;
                    default: throw new RuleException("bad value", kw + ": unknown option " + kv[0]);
                }
            } catch (NumberFormatException e) {
                throw new RuleException("bad value", kw + ": not a number: " + kv[1]);
            }
        }
        if (type == null || track == null || count < 0 || seconds < 0) throw new RuleException("bad value", kw + " needs type, track, count and seconds");
        if (!List.of("limit", "threshold", "both", "filter").contains(type)) throw new RuleException("bad value", kw + ": unknown type " + type);
        if (!List.of("by_src", "by_dst", "by_rule", "by_both").contains(track)) throw new RuleException("bad value", kw + ": unknown track " + track);
        return new Rule.Threshold(type, track, count, seconds);
    }

    private static int[] opnums(String v) throws RuleException {
        List<Integer> l = new ArrayList<>();
        try {
            for (String p : v.split(",")) {
                String x = p.trim();
                int dash = x.indexOf('-');
                if (dash > 0) {
                    int a = Integer.parseInt(x.substring(0, dash).trim()), z = Integer.parseInt(x.substring(dash + 1).trim());
                    if (z < a || z - a > 65535) throw new NumberFormatException();
                    for (int i = a; i <= z; i++) l.add(i);
                } else {
                    l.add(Integer.parseInt(x));
                }
            }
        } catch (NumberFormatException e) {
            throw new RuleException("bad value", "dcerpc.opnum: cannot read " + v);
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
