package io.smbwatch.filter;

import java.util.List;

/**
 * What a filter reads: the values of a field over one frame (the union over the frame's
 * messages, plus the frame-level fields). Values are {@link Long} (numbers and flags),
 * {@link String} (text and GUIDs), {@code byte[]} or {@link IpValue}-like addresses.
 */
public interface FrameView {
    /** Appends every value of {@code field} in the frame to {@code out}. */
    void values(FieldInfo field, List<Object> out);

    /** True when the field (or protocol) occurs in the frame. */
    boolean present(FieldInfo field);
}
