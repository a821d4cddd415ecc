package io.smbwatch.proto.nbss;

import io.smbwatch.config.Limit;
import io.smbwatch.stream.StreamSink;

/**
 * Cuts one direction of an SMB connection into NetBIOS session messages (RFC 1002 §4.3 on port
 * 139; MS-SMB2 §2.1 "direct TCP" on 445: one zero byte and a 24-bit length).
 *
 * <p>Bytes are parsed in place when a message lies whole in one chunk; otherwise the incomplete
 * tail is copied once into an accumulation buffer. When boundaries are lost (a flow picked up
 * midstream, a gap, a header that is not SMB), the framer scans for a header followed by an SMB
 * magic ({@code \xFFSMB}, {@code \xFESMB}, {@code \xFDSMB}, {@code \xFCSMB}) and a plausible length.
 * A gap inside the body of a message whose length is known keeps the framing: only that message
 * is lost.
 */
public final class NbssFramer implements StreamSink {
    /** Bytes of a long elided message handed on (nbss.message-head). */
    private final int head;
    /** Keeps the last bytes of a scanned chunk: a header may straddle two chunks. */
    private static final int SCAN_CARRY = 7;
    /** A message cut by a gap is still handed on when at least an SMB1 header of it is there. */
    private static final int MIN_HEAD = 32;

    /**
     * Asked when a session message longer than {@link #head} bytes begins and its head is there
     * ({@code head[off, off+len)}, the message {@code length} bytes long): whether the rest may be
     * stepped over unbuffered, bulk file data nobody reads. Then the head alone is handed on, not
     * marked truncated, once the message's last byte has passed. Given by whoever owns both the
     * framer and what reads its messages (the pipeline's TCP session): the framer's listener, the
     * SMB state, is never asked in the middle of framing.
     */
    @FunctionalInterface
    public interface Elision {
        boolean elide(byte[] head, int off, int len, int length);
    }

    private final NbssListener listener;
    private final Elision elision;
    private final int maxMessage;
    private byte[] acc = new byte[256];
    private int accLen;
    /** Which frame each run of stashed bytes came from: offsets in acc and their frames. */
    private int[] runOff = new int[8];
    private long[] runFrame = new long[8];
    private int runs;
    private boolean synced;
    private long skipRemaining;
    private long skippedBytes;   // scanned over while out of sync
    private long resyncs, desyncs, messages, lost, oversized, truncatedByGap, elided;
    /** Body bytes of the message being elided still to step over; its head is in acc. */
    private long elideRemaining;
    private boolean eliding;

    /**
     * @param synced whether the stream starts at a message boundary (true when the SYN was seen)
     * @param maxMessage largest message kept whole; longer ones are delivered as their head
     */
    public NbssFramer(NbssListener listener, boolean synced, int maxMessage) {
        this(listener, null, synced, maxMessage);
    }

    /** @param elision which large messages go on as their head alone (null: none, every message is kept) */
    public NbssFramer(NbssListener listener, Elision elision, boolean synced, int maxMessage) {
        this(listener, elision, synced, maxMessage, Limit.NBSS_HEAD.defaultInt());
    }

    /** @param head bytes of a long elided message handed on (nbss.message-head) */
    public NbssFramer(NbssListener listener, Elision elision, boolean synced, int maxMessage, int head) {
        this.head = head;
        this.listener = listener;
        this.elision = elision;
        this.synced = synced;
        this.maxMessage = Math.max(head, Math.min(maxMessage, Limit.NBSS_LENGTH.defaultInt()));
    }

    @Override
    public void onData(byte[] b, int off, int len, long frame) {
        if (skipRemaining > 0) {
            int s = (int) Math.min(skipRemaining, len);
            skipRemaining -= s;
            off += s;
            len -= s;
            if (len == 0) return;
        }
        if (elideRemaining > 0) {
            int s = (int) Math.min(elideRemaining, len);
            elideRemaining -= s;
            off += s;
            len -= s;
            if (elideRemaining > 0) return;
            // the message's last byte: its head is handed on now, as of the frame that completed it
            messages++;
            elided++;
            listener.onSessionMessage(acc, 4, accLen - 4, false, frameAt(0, frame), frame);
            accLen = 0;
            runs = 0;
            if (len == 0) return;
        }
        if (accLen == 0) {
            int used = parse(b, off, len, frame);
            if (eliding) {
                // all that follows belongs to a message whose body nobody reads: keep its head only
                eliding = false;
                runs = 0;
                noteRun(0, frame);
                stash(b, off + used, 4 + head);
                elideRemaining = 4L + u24(acc, 1) - (len - used);
            } else if (used < len) {
                runs = 0;
                noteRun(0, frame);
                stash(b, off + used, len - used);
            }
        } else {
            noteRun(accLen, frame);
            stash(b, off, len);
            int before = accLen;
            int used = parse(acc, 0, accLen, frame);
            if (used > 0) {
                System.arraycopy(acc, used, acc, 0, accLen - used);
                accLen -= used;
                shiftRuns(used);
            }
            if (eliding) {
                // the message now at acc[0]: keep its head, step over the rest of its body
                eliding = false;
                elideRemaining = 4L + u24(acc, 1) - accLen;
                accLen = 4 + head;
                return;
            }
            if (used > 0) {
                // Keep the room while messages this large keep coming (a file transfer): shrinking
                // after each one and growing again by doubling would copy every byte twice more.
                // Only a run of small messages gives the room back (a transfer's replies and
                // requests interleave: shrinking at the first small one cost 120 MB of regrowth).
                if (acc.length > 4096 && before < acc.length / 4 && accLen < acc.length / 4) {
                    if (++smallRun >= SHRINK_AFTER) {
                        shrink();
                        smallRun = 0;
                    }
                } else {
                    smallRun = 0;
                }
            }
        }
    }

    @Override
    public void onGap(long len, long frame) {
        if (elideRemaining > 0) {
            long remaining = elideRemaining;
            elideRemaining = 0;
            if (len <= remaining) {
                // as for a message kept whole: what came of it is handed on, marked truncated
                truncatedByGap++;
                listener.onSessionMessage(acc, 4, accLen - 4, true, frameAt(0, frame), frame);
                accLen = 0;
                runs = 0;
                skipRemaining = remaining - len;
                return;
            }
            // past its end: lost, as a message kept whole would be, and out of sync (below)
        } else if (skipRemaining > 0) {
            if (len <= skipRemaining) {
                skipRemaining -= len;        // lost bytes of a body we skip anyway
                return;
            }
            len -= skipRemaining;
            skipRemaining = 0;
        } else if (synced && accLen >= 4 && (acc[0] & 0xff) == 0) {
            long remaining = 4L + u24(acc, 1) - accLen;
            if (len <= remaining) {
                // The gap is inside this message: what we have of it is still worth reading
                // (a snaplen cut keeps the headers), and the framing continues after its end.
                if (accLen - 4 >= MIN_HEAD) {
                    truncatedByGap++;
                    listener.onSessionMessage(acc, 4, accLen - 4, true, frameAt(0, frame), frame);
                } else {
                    lost++;
                    listener.onMessageLost(frame);
                }
                accLen = 0;
                runs = 0;
                skipRemaining = remaining - len;
                return;
            }
        } else if (synced && accLen == 0 && len == 0) {
            return;
        }
        if (accLen > 0 && synced) {
            lost++;
            listener.onMessageLost(frame);
        }
        accLen = 0;
        runs = 0;
        if (synced) {
            synced = false;
            desyncs++;
            listener.onDesync("gap of " + len + " bytes", frame);
        }
    }

    /** Parses whole messages from b[off, off+len); returns the bytes consumed. */
    private int parse(byte[] b, int off, int len, long frame) {
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (skipRemaining > 0) {
                int s = (int) Math.min(skipRemaining, end - pos);
                skipRemaining -= s;
                pos += s;
                continue;
            }
            if (!synced) {
                int found = scan(b, pos, end);
                if (found < 0) {
                    int keep = Math.min(SCAN_CARRY, end - pos);
                    skippedBytes += end - keep - pos;
                    return end - keep - off;
                }
                long skipped = skippedBytes + (found - pos);
                skippedBytes = 0;
                pos = found;
                synced = true;
                resyncs++;
                listener.onResync(skipped, frame);
            }
            if (end - pos < 4) break;
            int type = b[pos] & 0xff;
            int length = u24(b, pos + 1);
            if (type == 0x00) {
                if (length >= 4) {
                    if (end - pos < 8) break;
                    if (!isSmbMagic(b, pos + 4)) {
                        lostSync("session message without SMB magic", pos, frame);
                        pos++;
                        continue;
                    }
                }
                if (length > head && length <= maxMessage && end - pos >= 4 + head && end - pos < 4 + length
                        && elision != null && elision.elide(b, pos + 4, head, length)) {
                    eliding = true;           // onData keeps the head and steps over the rest (below)
                    return pos - off;
                }
                if (length > maxMessage) {
                    if (end - pos < 4 + head) break;
                    oversized++;
                    messages++;
                    listener.onSessionMessage(b, pos + 4, head, true, first(b, pos, frame), frame);
                    skipRemaining = length - head;
                    pos += 4 + head;
                    continue;
                }
                if (end - pos < 4 + length) break;
                messages++;
                listener.onSessionMessage(b, pos + 4, length, false, first(b, pos, frame), frame);
                pos += 4 + length;
            } else if (type >= 0x81 && type <= 0x85 && length <= 1024) {
                if (end - pos < 4 + length) break;
                listener.onControl(type, b, pos + 4, length, frame);
                pos += 4 + length;
            } else {
                lostSync(String.format("bad NBSS type 0x%02x", type), pos, frame);
                pos++;
            }
        }
        return pos - off;
    }

    private void lostSync(String why, int pos, long frame) {
        synced = false;
        desyncs++;
        skippedBytes++;   // the byte at pos is passed over by the caller
        listener.onDesync(why, frame);
    }

    /**
     * Finds the next plausible message boundary in b[pos, end), or -1: an NBSS session header
     * followed by an SMB magic and a length the header could have, or a session-control packet
     * (request, responses, keep-alive) that ends exactly where the received bytes end (they are
     * sent alone). Inside the bytes (past {@code pos}, where data of a large Write can hold
     * anything), an SMB2 candidate must also carry StructureSize 64.
     */
    private static int scan(byte[] b, int pos, int end) {
        for (int p = pos; p + 4 <= end; p++) {
            int t = b[p] & 0xff;
            if (t >= 0x81 && t <= 0x85) {
                if (isControl(b, p, end)) return p;
                continue;
            }
            if (t != 0 || p + 8 > end || b[p + 5] != 'S' || b[p + 6] != 'M' || b[p + 7] != 'B') continue;
            int m = b[p + 4] & 0xff;
            int length = u24(b, p + 1);
            boolean plausible = (m == 0xff && length >= 35)      // SMB1: header + WordCount + ByteCount
                    || (m == 0xfe && length >= 64 && (p == pos || p + 10 > end || (b[p + 8] == 64 && b[p + 9] == 0)))
                    || (m == 0xfd && length >= 52) || (m == 0xfc && length >= 16);
            if (plausible && (p == pos || confirmed(b, p + 4 + length, end))) return p;
        }
        return -1;
    }

    /**
     * Inside the bytes (a Write's data can hold "\xFESMB"), a candidate is trusted only when the
     * next message confirms it: where the candidate would end, another header must start, or the
     * received bytes must end (nothing to contradict it yet).
     */
    private static boolean confirmed(byte[] b, long next, int end) {
        if (next >= end) return true;
        int q = (int) next;
        int t = b[q] & 0xff;
        if (t >= 0x81 && t <= 0x85) return q + 4 > end || isControl(b, q, end);
        if (t != 0) return false;
        return q + 8 > end || isSmbMagic(b, q + 4);
    }

    /** A whole session-control packet at p that ends the received bytes (RFC 1002 §4.3). */
    private static boolean isControl(byte[] b, int p, int end) {
        int type = b[p] & 0xff;
        int length = u24(b, p + 1);
        if (p + 4 + length != end) return false;
        switch (type) {
            case 0x81: // SESSION REQUEST: two encoded names of 32 'A'..'P' letters each, length-prefixed
                if (length < 68) return false;
                if (b[p + 4] != 32) return false;
                for (int i = 0; i < 32; i++) {
                    int c = b[p + 5 + i];
                    if (c < 'A' || c > 'P') return false;
                }
                return true;
            case 0x82: case 0x85:
                return length == 0;
            case 0x83:
                return length == 1;
            case 0x84:
                return length == 6;
            default:
                return false;
        }
    }

    static boolean isSmbMagic(byte[] b, int i) {
        int m = b[i] & 0xff;
        return (m == 0xff || m == 0xfe || m == 0xfd || m == 0xfc) && b[i + 1] == 'S' && b[i + 2] == 'M' && b[i + 3] == 'B';
    }

    /** Frame that carried the byte at {@code pos} of {@code b}: from the runs when b is acc, else the current frame. */
    private long first(byte[] b, int pos, long frame) {
        return b == acc ? frameAt(pos, frame) : frame;
    }

    private long frameAt(int pos, long frame) {
        for (int i = runs - 1; i >= 0; i--) {
            if (runOff[i] <= pos) return runFrame[i];
        }
        return frame;
    }

    /** Drops the first {@code used} bytes from the run table (they left acc). */
    private void shiftRuns(int used) {
        int keep = 0;
        for (int i = 0; i < runs; i++) {
            int start = runOff[i] - used;
            boolean lastBeforeCut = start <= 0 && (i + 1 == runs || runOff[i + 1] - used > 0);
            if (start > 0 || lastBeforeCut) {
                runOff[keep] = Math.max(0, start);
                runFrame[keep++] = runFrame[i];
            }
        }
        runs = accLen == 0 ? 0 : keep;
    }

    private void noteRun(int at, long frame) {
        if (runs > 0 && runFrame[runs - 1] == frame) return;
        if (runs == runOff.length) {
            runOff = java.util.Arrays.copyOf(runOff, runs * 2);
            runFrame = java.util.Arrays.copyOf(runFrame, runs * 2);
        }
        runOff[runs] = at;
        runFrame[runs++] = frame;
    }

    private void stash(byte[] b, int off, int len) {
        if (accLen + len > acc.length) {
            // Doubling keeps the buffer within twice the bytes received (a length field alone never
            // allocates much), but no further than the message its header announces, plus room
            // for the start of the next one: past that, an 8 MiB Write grew a 16 MiB buffer.
            int want = Math.max(accLen + len, acc.length * 2);
            int whole = wholeMessage(b, off, len);
            if (whole > 0) want = Math.min(want, Math.max(accLen + len, whole + Math.min(whole / 8, 64 << 10)));
            byte[] n = new byte[want];
            System.arraycopy(acc, 0, n, 0, accLen);
            acc = n;
        }
        System.arraycopy(b, off, acc, accLen, len);
        accLen += len;
    }

    /** Bytes of the session message starting the stash (header included), when known and kept whole; else 0. */
    private int wholeMessage(byte[] b, int off, int len) {
        if (!synced || skipRemaining > 0) return 0;
        byte[] h = accLen > 0 ? acc : b;
        int at = accLen > 0 ? 0 : off;
        int have = accLen > 0 ? accLen : len;
        if (have < 4 || h[at] != 0) return 0;
        int whole = 4 + u24(h, at + 1);
        return whole - 4 <= maxMessage ? whole : 0;
    }

    private int smallRun;
    /** Small messages in a row after which an accumulation buffer grown for large ones is shrunk. */
    private static final int SHRINK_AFTER = 64;

    private void shrink() {
        byte[] n = new byte[Math.max(256, accLen * 2)];
        System.arraycopy(acc, 0, n, 0, accLen);
        acc = n;
    }

    /** Name of a session packet type (RFC 1002 §4.3.1), as tshark shows it. */
    public static String typeName(int type) {
        switch (type) {
            case 0x00: return "Session message";
            case 0x81: return "Session request";
            case 0x82: return "Positive session response";
            case 0x83: return "Negative session response";
            case 0x84: return "Retarget session response";
            case 0x85: return "Session keep-alive";
            default: return String.format("Unknown NBSS type 0x%02x", type);
        }
    }

    static int u24(byte[] b, int i) {
        return (b[i] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff);
    }

    public boolean synced() {
        return synced;
    }

    public long resyncs() {
        return resyncs;
    }

    public long desyncs() {
        return desyncs;
    }

    public long messages() {
        return messages;
    }

    public long lostMessages() {
        return lost;
    }

    /** Messages handed on as their head because a gap took the rest. */
    public long truncatedByGap() {
        return truncatedByGap;
    }

    /** Messages handed on as their head because nobody reads the rest ({@link Elision}). */
    public long elided() {
        return elided;
    }

    /** Size of the accumulation buffer (for tests of its growth). */
    int capacity() {
        return acc.length;
    }

    public long oversized() {
        return oversized;
    }

    /** Bytes held waiting for the rest of a message. */
    public int heldBytes() {
        // a message being elided counts what came of it, as if it were kept
        return elideRemaining > 0 ? (int) (4L + u24(acc, 1) - elideRemaining) : accLen;
    }
}
