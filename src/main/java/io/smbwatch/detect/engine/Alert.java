package io.smbwatch.detect.engine;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import java.util.List;

/**
 * One alert, handed to an {@link AlertSink} during the call that raised it ({@code message} is the
 * SMB message that matched, null for packets and stream chunks; valid only during the call).
 *
 * @param fromStream the match was in a raw stream chunk (not a packet payload or an SMB message)
 * @param explain for each content match: where it matched in the inspected buffer (filled when the rule is explained)
 */
public record Alert(Rule rule, Flow flow, int direction, long frame, long tsSeconds, int tsNanos,
                    String appProto, SmbMessage message, List<Explained> explain, boolean fromStream) {

    /** A content or pcre match: the buffer, the offset in it, and the bytes around (hex). */
    public record Explained(String buffer, String step, int offset, int length, String before, String match, String after) {}
}
