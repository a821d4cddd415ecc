package io.smbwatch.filter;

import io.smbwatch.app.Fields;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link FrameView} over the messages completed in one frame: each field's values are the
 * union over the messages; frame-level fields (frame.number, ip.*, ipv6.*, tcp.*, udp.*) come
 * from each message's flow and direction; protocol presence is derived as tshark shows it.
 * Reusable: {@link #reset} and {@link #add} between frames.
 */
public final class MessageFrame implements FrameView {
    private final List<SmbMessage> messages = new ArrayList<>();

    public MessageFrame() {}

    public MessageFrame(List<SmbMessage> messages) {
        this.messages.addAll(messages);
    }

    public void reset() {
        messages.clear();
    }

    public void add(SmbMessage m) {
        messages.add(m);
    }

    public List<SmbMessage> messages() {
        return messages;
    }

    @Override
    public boolean present(FieldInfo f) {
        if (f.type() != FieldType.PROTOCOL) {
            List<Object> l = new ArrayList<>(2);
            values(f, l);
            return !l.isEmpty();
        }
        for (SmbMessage m : messages) if (protocolPresent(f.name(), m)) return true;
        return false;
    }

    private static boolean protocolPresent(String p, SmbMessage m) {
        Flow fl = m.flow;
        switch (p) {
            case "frame": return true;
            case "ip": return fl != null && fl.ipVersion == 4;
            case "ipv6": return fl != null && fl.ipVersion == 6;
            case "tcp":
            case "nbss": return fl != null && fl.protocol == 6;
            case "udp":
            case "nbdgm": return fl != null && fl.protocol == 17;
            case "smb": return SmbMessage.SMB.equals(m.protocol);
            case "smb2": return isSmb2(m);
            default:
                if (FieldRegistry.isInterface(p)) return iface(m, p);
                return hasPrefix(m.fields, p + ".");
        }
    }

    private static boolean isSmb2(SmbMessage m) {
        return SmbMessage.SMB2.equals(m.protocol) || SmbMessage.SMB3_ENC.equals(m.protocol) || SmbMessage.SMB3_COMP.equals(m.protocol);
    }

    private static boolean hasPrefix(Fields fs, String prefix) {
        for (int i = 0; i < fs.size(); i++) if (fs.name(i).startsWith(prefix)) return true;
        return false;
    }

    /**
     * The message is a DCERPC call of {@code iface}: an {@code iface.*} field, or a request or
     * response (the PDUs Wireshark hands to the interface's dissector; a Bind names the interface
     * but is the dcerpc protocol's own) whose dcerpc.interface_name is it.
     */
    static boolean iface(SmbMessage m, String iface) {
        Fields fs = m.fields;
        Long type = fs.getLong("dcerpc.pkt_type");
        boolean call = type != null && (type == 0 || type == 2);
        String prefix = iface + ".";
        for (int i = 0; i < fs.size(); i++) {
            String n = fs.name(i);
            if (n.startsWith(prefix)) return true;
            if (call && n.equals("dcerpc.interface_name") && fs.value(i) instanceof String s && s.equalsIgnoreCase(iface)) return true;
        }
        return false;
    }

    /** The interface of a DCERPC message, or null. */
    static String interfaceOf(SmbMessage m) {
        Fields fs = m.fields;
        for (int i = 0; i < fs.size(); i++) {
            String n = fs.name(i);
            if (n.equals("dcerpc.interface_name") && fs.value(i) instanceof String s) return s.toLowerCase(Locale.ROOT);
            int dot = n.indexOf('.');
            if (dot > 0 && FieldRegistry.isInterface(n.substring(0, dot))) return n.substring(0, dot);
        }
        return null;
    }

    @Override
    public void values(FieldInfo f, List<Object> out) {
        for (SmbMessage m : messages) {
            if (f.perMessage()) {
                Fields fs = m.fields;
                String name = f.name();
                for (int i = 0; i < fs.size(); i++) {
                    if (fs.name(i).equals(name)) out.add(normal(fs.value(i)));
                }
            } else {
                derived(f.name(), m, out);
            }
        }
    }

    private static Object normal(Object v) {
        if (v instanceof Integer i) return (long) i;
        if (v instanceof Short s) return (long) s;
        if (v instanceof Byte b) return (long) b;
        if (v instanceof Boolean b) return b ? 1L : 0L;
        return v;
    }

    private static void derived(String name, SmbMessage m, List<Object> out) {
        Flow fl = m.flow;
        switch (name) {
            case "frame.number" -> out.add(m.frame);
            case "frame.time", "frame.time_epoch" -> out.add(java.time.Instant.ofEpochSecond(m.tsSeconds, m.tsNanos));
            case "frame.len" -> out.add((long) m.frameLen);
            case "tcp.stream" -> {
                if (fl != null && fl.stream >= 0) out.add(fl.stream);
            }
            case "smb2.acct" -> {
                // Wireshark shows the account from the next message on, not on the request whose logon names it
                if (SmbMessage.SMB2.equals(m.protocol) && m.user != null && !m.fields.has("ntlmssp.auth.username")) out.add(m.user);
            }
            case "smb.flags.response" -> {
                if (SmbMessage.SMB.equals(m.protocol)) out.add(m.response ? 1L : 0L);
            }
            case "smb2.flags.response" -> {
                if (SmbMessage.SMB2.equals(m.protocol)) out.add(m.response ? 1L : 0L);
            }
            case "dcerpc.op" -> operation(m, out);
            default -> {
                if (fl == null) return;
                address(name, m, fl, out);
            }
        }
    }

    private static void address(String name, SmbMessage m, Flow fl, List<Object> out) {
        int d = m.direction;
        boolean toServer = d == Flow.TO_SERVER;
        IpValue src = IpValue.host(fl.ipVersion, toServer ? fl.clientHi : fl.serverHi, toServer ? fl.clientLo : fl.serverLo);
        IpValue dst = IpValue.host(fl.ipVersion, toServer ? fl.serverHi : fl.clientHi, toServer ? fl.serverLo : fl.clientLo);
        String proto = name.substring(0, name.indexOf('.'));
        String what = name.substring(name.indexOf('.') + 1);
        boolean applies = switch (proto) {
            case "ip" -> fl.ipVersion == 4;
            case "ipv6" -> fl.ipVersion == 6;
            case "tcp" -> fl.protocol == 6;
            case "udp" -> fl.protocol == 17;
            default -> false;
        };
        if (!applies) return;
        boolean ports = proto.equals("tcp") || proto.equals("udp");
        switch (what) {
            case "src" -> out.add(src);
            case "dst" -> out.add(dst);
            case "addr" -> {
                out.add(src);
                out.add(dst);
            }
            case "srcport" -> out.add((long) m.srcPort());
            case "dstport" -> out.add((long) m.dstPort());
            case "port" -> {
                if (ports) {
                    out.add((long) m.srcPort());
                    out.add((long) m.dstPort());
                }
            }
            default -> { }
        }
    }

    /** dcerpc.op: the dissector's own name when it gives one, else from the interface and opnum. */
    private static void operation(SmbMessage m, List<Object> out) {
        List<Object> own = m.fields.all("dcerpc.op");
        if (!own.isEmpty()) {
            out.addAll(own);
            return;
        }
        String iface = interfaceOf(m);
        if (iface == null) return;
        Long opnum = m.fields.getLong(iface + ".opnum");
        if (opnum == null) opnum = m.fields.getLong("dcerpc.opnum");
        if (opnum == null) return;
        String op = DcerpcOperations.name(iface, opnum.intValue());
        if (op != null) out.add(op);
    }
}
