package io.smbwatch.app;

import java.util.ArrayList;
import java.util.List;

/**
 * The dissected fields of one message, named as Wireshark names them ({@code smb.path},
 * {@code smb2.filename}, {@code ntlmssp.auth.username}, ...) so that display filters, JSON
 * output and the comparison with tshark share one vocabulary. A name may occur several times
 * (as in Wireshark). Values are {@link Long} for numbers, {@link String} for text, byte[] for bytes.
 */
public final class Fields {
    private String[] names = new String[8];
    private Object[] values = new Object[8];
    private int size;

    public Fields add(String name, Object value) {
        if (value == null) return this;
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
        return this;
    }

    public Fields add(String name, long value) {
        return add(name, (Object) value);
    }

    public int size() {
        return size;
    }

    public String name(int i) {
        return names[i];
    }

    public Object value(int i) {
        return values[i];
    }

    /** First value of the field, or null. */
    public Object get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) return values[i];
        }
        return null;
    }

    public String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    public Long getLong(String name) {
        Object v = get(name);
        return v instanceof Long ? (Long) v : null;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** Every value of the field, in order. */
    public List<Object> all(String name) {
        List<Object> l = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) l.add(values[i]);
        }
        return l;
    }
}
