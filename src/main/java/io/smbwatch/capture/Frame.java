package io.smbwatch.capture;

/**
 * One captured record, as a view into the reader's buffer. The reader reuses one instance and
 * overwrites it on every {@link CaptureReader#next}; whoever keeps bytes past that call copies them.
 */
public final class Frame {
    /** Buffer holding the record's bytes; valid until the next call to the reader. */
    public byte[] data;
    /** First byte of the captured packet in {@link #data}. */
    public int offset;
    /** Bytes captured (may be less than {@link #origLen} when the snaplen cut the packet). */
    public int capLen;
    /** Length of the packet on the wire. */
    public int origLen;
    /** Timestamp: seconds since the epoch and nanoseconds within that second. */
    public long tsSeconds;
    public int tsNanos;
    /** Link type (LINKTYPE_* numbers of tcpdump.org). */
    public int linkType;
    /** 1-based frame number, as Wireshark counts. */
    public long number;
    /** Offset of the record header in the capture file (in the decompressed data for gzip input), for error messages. */
    public long fileOffset;

    /**
     * Makes this frame a copy of {@code f} whose bytes lie at {@code at} in {@code into} (copied
     * there): for keeping a frame past the reader's next call.
     */
    public Frame copyOf(Frame f, byte[] into, int at) {
        System.arraycopy(f.data, f.offset, into, at, f.capLen);
        data = into;
        offset = at;
        capLen = f.capLen;
        origLen = f.origLen;
        tsSeconds = f.tsSeconds;
        tsNanos = f.tsNanos;
        linkType = f.linkType;
        number = f.number;
        fileOffset = f.fileOffset;
        return this;
    }

    /** A copy of {@code f} with bytes of its own. */
    public static Frame copy(Frame f) {
        return new Frame().copyOf(f, new byte[f.capLen], 0);
    }

    /** Timestamp as epoch seconds with nine decimals, the format tshark and our JSON use. */
    public String timeString() {
        return formatTime(tsSeconds, tsNanos);
    }

    public static String formatTime(long seconds, int nanos) {
        StringBuilder sb = new StringBuilder(24).append(seconds).append('.');
        String n = Integer.toString(nanos);
        for (int i = n.length(); i < 9; i++) sb.append('0');
        return sb.append(n).toString();
    }
}
