package io.smbwatch.filter;

/**
 * One known field: its Wireshark name, type and a one-line description.
 *
 * @param perMessage true when the value comes from a message's dissected {@code fields}; false
 *                   for the values the registry derives (frame-level fields, header flags,
 *                   protocol presence, {@code dcerpc.op})
 */
public record FieldInfo(String name, FieldType type, String description, boolean perMessage) {
    /** The protocol part of the name ("smb2" for "smb2.filename"). */
    public String protocol() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
