package io.smbwatch.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.Fields;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.proto.smb.Trans2Subcommands;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * One JSON object per message (JSON Lines). The keys of the first version are a contract for
 * scripts: frame, time, src, sport, dst, dport, protocol, command, command_name, response,
 * status, info; DCERPC messages add call_id, interface, interface_name, opnum, operation and args.
 * New keys may be added, none renamed.
 */
public final class JsonLinesWriter implements MessageListener, AutoCloseable {
    private final JsonGenerator gen;

    public JsonLinesWriter(OutputStream out) throws IOException {
        gen = new JsonFactory().createGenerator(out);
        gen.setRootValueSeparator(null);
    }

    @Override
    public void onMessage(SmbMessage m) {
        try {
            gen.writeStartObject();
            gen.writeNumberField("frame", m.frame);
            gen.writeStringField("time", io.smbwatch.capture.Frame.formatTime(m.tsSeconds, m.tsNanos));
            gen.writeNumberField("flow_id", m.flow.eveId());
            gen.writeStringField("src", m.srcAddress());
            gen.writeNumberField("sport", m.srcPort());
            gen.writeStringField("dst", m.dstAddress());
            gen.writeNumberField("dport", m.dstPort());
            gen.writeStringField("protocol", m.protocol);
            gen.writeNumberField("command", m.command);
            gen.writeStringField("command_name", m.commandName);
            gen.writeBooleanField("response", m.response);
            String status = m.statusHex();
            if (status == null) gen.writeNullField("status");
            else gen.writeStringField("status", status);
            gen.writeStringField("info", m.info);
            if (m.chainIndex > 0) gen.writeNumberField("chain_index", m.chainIndex);
            if (!SmbMessage.NBSS.equals(m.protocol)) {
                unsigned("message_id", m.messageId);
                unsigned("session_id", m.sessionId);
                gen.writeNumberField("tree_id", m.treeId);
            }
            if (m.firstFrame != m.frame) gen.writeNumberField("first_frame", m.firstFrame);
            if (m.fields.has("dcerpc.pkt_type")) dcerpc(m);
            if (m.truncated) gen.writeBooleanField("truncated", true);
            if (m.malformed != null) gen.writeStringField("malformed", m.malformed);
            context(m);
            fields(m);
            gen.writeEndObject();
            gen.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the connection's state says about the message: share, file, handle, account. */
    private void context(SmbMessage m) throws IOException {
        // references whose opening we never saw (a flow picked up midstream): named, not dropped
        boolean smb1 = SmbMessage.SMB.equals(m.protocol), smb2 = SmbMessage.SMB2.equals(m.protocol);
        boolean setup = smb1 ? m.command == 0x72 || m.command == 0x73 : smb2 && m.command <= 1;
        boolean session = (smb1 || smb2) && !setup && m.sessionId != 0 && (!smb1 || m.sessionId != 0xffff) && m.user == null;
        boolean tree = (smb1 || smb2) && !setup && m.treeId != 0 && (!smb1 || m.treeId != 0xffff) && m.tree == null;
        boolean file = m.fid != null && m.file == null;
        if (session || tree || file) {
            gen.writeArrayFieldStart("unknown");
            if (session) gen.writeString("session");
            if (tree) gen.writeString("tree");
            if (file) gen.writeString("file");
            gen.writeEndArray();
        }
        if (m.tree != null) gen.writeStringField("tree", m.tree);
        if (m.file != null) gen.writeStringField("file", m.file);
        if (m.fid != null) gen.writeStringField("fid", m.fid);
        if (m.user != null) gen.writeStringField("user", m.user);
        if (m.domain != null) gen.writeStringField("domain", m.domain);
        if (m.host != null) gen.writeStringField("host", m.host);
        Object sub = m.fields.get("smb.trans2.cmd");
        if (sub instanceof Long) {
            String name = Trans2Subcommands.name(((Long) sub).intValue());
            gen.writeStringField("trans2_subcommand", name != null ? name : sub.toString());
        }
    }

    /** Every dissected field under its Wireshark name; a name that occurs several times gets an array. */
    private void fields(SmbMessage m) throws IOException {
        Fields f = m.fields;
        if (f.size() == 0) return;
        gen.writeObjectFieldStart("fields");
        java.util.Set<String> done = new java.util.HashSet<>();
        for (int i = 0; i < f.size(); i++) {
            String name = f.name(i);
            if (!done.add(name)) continue;
            java.util.List<Object> all = f.all(name);
            gen.writeFieldName(name);
            if (all.size() == 1) value(all.get(0));
            else {
                gen.writeStartArray();
                for (Object v : all) value(v);
                gen.writeEndArray();
            }
        }
        gen.writeEndObject();
    }

    private void value(Object v) throws IOException {
        if (v instanceof Long) {
            long n = (Long) v;
            if (n >= 0) gen.writeNumber(n);
            else gen.writeNumber(new java.math.BigInteger(Long.toUnsignedString(n)));
        } else if (v instanceof byte[]) {
            gen.writeBinary((byte[]) v);
        } else {
            gen.writeString(v.toString());
        }
    }

    /** DCERPC keys: call_id, interface (UUID), interface_name, opnum, operation, args (decoded arguments). */
    private void dcerpc(SmbMessage m) throws IOException {
        gen.writeNumberField("call_id", m.fields.getLong("dcerpc.cn_call_id"));
        String iface = m.fields.getString("dcerpc.interface");
        if (iface == null) {
            var binds = m.fields.all("dcerpc.cn_bind_to_uuid");
            if (!binds.isEmpty()) iface = binds.get(0).toString();
        }
        if (iface != null) gen.writeStringField("interface", iface);
        String name = m.fields.getString("dcerpc.interface_name");
        if (name != null) gen.writeStringField("interface_name", name);
        Long opnum = m.fields.getLong("dcerpc.opnum");
        if (opnum != null) gen.writeNumberField("opnum", opnum);
        String op = m.fields.getString("dcerpc.op");
        if (op != null) gen.writeStringField("operation", op);
        if (io.smbwatch.output.eve.JsonArgs.count(m) > 0) {
            gen.writeObjectFieldStart("args");
            io.smbwatch.output.eve.JsonArgs.write(gen, m);
            gen.writeEndObject();
        }
    }

    /** SMB2 ids are unsigned 64-bit (0xFFFFFFFFFFFFFFFF marks an interim or oplock-break id). */
    private void unsigned(String name, long v) throws IOException {
        gen.writeFieldName(name);
        if (v >= 0) gen.writeNumber(v);
        else gen.writeNumber(new java.math.BigInteger(Long.toUnsignedString(v)));
    }

    @Override
    public void close() throws IOException {
        gen.flush();
    }
}
