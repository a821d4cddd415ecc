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
