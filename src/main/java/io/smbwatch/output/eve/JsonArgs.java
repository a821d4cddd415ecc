package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.SmbMessage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded DCERPC arguments of a message (its fields outside the dcerpc.* header names) as
 * JSON: one key per field, an array when a field occurs several times. Also used by --json.
 */
public final class JsonArgs {
    private JsonArgs() {}

    static boolean isArg(String name) {
        return !name.startsWith("dcerpc.") && !name.startsWith("ntlmssp.") && !name.endsWith(".opnum");
    }

    public static int count(SmbMessage m) {
        int n = 0;
        for (int i = 0; i < m.fields.size(); i++) if (isArg(m.fields.name(i))) n++;
        return n;
    }

    /** Writes the arguments as fields of the current object. */
    public static void write(JsonGenerator g, SmbMessage m) throws IOException {
        Map<String, List<Object>> byName = new LinkedHashMap<>();
        for (int i = 0; i < m.fields.size(); i++) {
            String n = m.fields.name(i);
            if (isArg(n)) byName.computeIfAbsent(n, k -> new java.util.ArrayList<>()).add(m.fields.value(i));
        }
        for (Map.Entry<String, List<Object>> e : byName.entrySet()) {
            g.writeFieldName(e.getKey());
            if (e.getValue().size() == 1) value(g, e.getValue().get(0));
            else {
                g.writeStartArray();
                for (Object v : e.getValue()) value(g, v);
                g.writeEndArray();
            }
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Long) g.writeNumber((Long) v);
        else g.writeString(v.toString());
    }
}
