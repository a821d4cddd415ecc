package io.smbwatch.filter;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * tshark's {@code -T fields}: one line per frame that has any of the fields, a column per field
 * (empty where the frame has none), a field's values in the frame joined by the aggregator
 * (',' as tshark). Values are written as tshark writes them: integers in decimal or, for the
 * fields Wireshark shows in hex, 0x and the field's width; times as UTC dates (frame.time_epoch
 * as seconds). Messages arrive in frame order; those of one frame are held (at most
 * {@code maxHeld}; later ones of that frame are not looked at) until the next frame.
 */
public final class FieldsWriter implements MessageListener, AutoCloseable {
    /** -E options: separator, header=y, quote=d|s|n, occurrence=f|l|a|N, aggregator. */
    public record Spec(List<FieldInfo> fields, String separator, boolean header, char quote, String occurrence,
                       String aggregator) {}

    /** Hex digits of the fields Wireshark shows in hex. */
    private static final Map<String, Integer> HEX = Map.ofEntries(
            Map.entry("smb.cmd", 2), Map.entry("smb.nt_status", 8), Map.entry("smb.fid", 4), Map.entry("smb.trans2.cmd", 4),
            Map.entry("smb.nt.function", 4), Map.entry("smb.create_options", 8), Map.entry("smb.sm", 2),
            Map.entry("smb.server_cap", 8), Map.entry("smb2.nt_status", 8), Map.entry("smb2.sesid", 16),
            Map.entry("smb2.tid", 8), Map.entry("smb2.aid", 16), Map.entry("smb2.dialect", 4),
            Map.entry("smb2.session_flags", 4), Map.entry("smb2.access_mask", 8), Map.entry("smb2.create_options", 8),
            Map.entry("smb2.create.disposition", 8), Map.entry("smb2.create.action", 8),
            Map.entry("smb2.file_attributes", 8), Map.entry("smb2.ioctl.function", 8), Map.entry("smb2.class", 2),
            Map.entry("smb2.infolevel", 2), Map.entry("ntlmssp.messagetype", 8), Map.entry("dcerpc.auth_type", 2),
            Map.entry("dcerpc.auth_level", 2));

    private final Spec spec;
    private final PrintStream out;
    private final int maxHeld;
    private final List<SmbMessage> held = new ArrayList<>();
    private long current = -1;
    private boolean headerDone;

    public FieldsWriter(Spec spec, PrintStream out, int maxHeld) {
        this.spec = spec;
        this.out = out;
        this.maxHeld = maxHeld;
    }

    @Override
    public void onMessage(SmbMessage m) {
        if (m.frame != current) {
            flush();
            current = m.frame;
        }
        if (held.size() < maxHeld) held.add(m);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        // lines are per frame; a flow's end changes none
    }

    private void flush() {
        if (spec.header() && !headerDone) {
            headerDone = true;
            List<String> names = new ArrayList<>();
            for (FieldInfo f : spec.fields()) names.add(f.name());
            out.println(String.join(spec.separator(), names));
        }
        if (held.isEmpty()) return;
        MessageFrame frame = new MessageFrame(held);
        held.clear();
        List<String> cols = new ArrayList<>(spec.fields().size());
        boolean any = false;
        List<Object> vals = new ArrayList<>();
        for (FieldInfo f : spec.fields()) {
            vals.clear();
            if (frameLevel(f)) {
                MessageFrame first = new MessageFrame(List.of(frame.messages().get(0)));
                first.values(f, vals);
            } else if (f.type() == FieldType.PROTOCOL) {
                if (frame.present(f)) vals.add(f.name());
            } else {
                frame.values(f, vals);
            }
            any |= !vals.isEmpty();
            cols.add(column(f, pick(vals)));
        }
        if (any) out.println(String.join(spec.separator(), cols));
    }

    /** Fields of the frame itself, once per frame whatever its messages. */
    private static boolean frameLevel(FieldInfo f) {
        String p = f.protocol();
        return !f.perMessage() && (p.equals("frame") || p.equals("ip") || p.equals("ipv6") || p.equals("tcp") || p.equals("udp"));
    }

    private List<Object> pick(List<Object> vals) {
        String o = spec.occurrence();
        if (vals.isEmpty() || o.equals("a")) return vals;
        if (o.equals("f")) return vals.subList(0, 1);
        if (o.equals("l")) return vals.subList(vals.size() - 1, vals.size());
        int n = Integer.parseInt(o);
        int i = n > 0 ? n - 1 : vals.size() + n;
        return i >= 0 && i < vals.size() ? vals.subList(i, i + 1) : List.of();
    }

    private String column(FieldInfo f, List<Object> vals) {
        StringBuilder sb = new StringBuilder();
        for (Object v : vals) {
            if (sb.length() > 0) sb.append(spec.aggregator());
            sb.append(format(f, v));
        }
        if (spec.quote() == 0 || vals.isEmpty()) return sb.toString();
        return spec.quote() + sb.toString() + spec.quote();
    }

    /** A value as tshark writes it; text made safe for a terminal (control characters as \xNN). */
    static String format(FieldInfo f, Object v) {
        if (v instanceof Instant t) return f.name().equals("frame.time_epoch") ? Times.epoch(t) : Times.absolute(t);
        if (v instanceof Long n) {
            Integer hex = HEX.get(f.name());
            if (hex == null) return Long.toUnsignedString(n);
            String h = Long.toHexString(n);
            return "0x" + "0".repeat(Math.max(0, hex - h.length())) + h;
        }
        if (v instanceof byte[] b) {
            StringBuilder sb = new StringBuilder();
            for (byte x : b) sb.append(sb.length() > 0 ? ":" : "").append(String.format("%02x", x & 0xff));
            return sb.toString();
        }
        return safe(String.valueOf(v));
    }

    private static String safe(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (bad && sb == null) sb = new StringBuilder(s.substring(0, i));
            if (sb != null) {
                if (bad) sb.append(String.format("\\x%02x", (int) c));
                else sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Writes the last frame's line. */
    @Override
    public void close() {
        flush();
        out.flush();
    }
}
