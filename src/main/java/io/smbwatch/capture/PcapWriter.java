package io.smbwatch.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic pcap: a 24-byte file header, then one 16-byte header per record. Used to cut
 * captures and, in tests, to build hostile ones: {@link #writeRecordHeader} and {@link #writeRaw}
 * write whatever they are given, unchecked.
 */
public final class PcapWriter implements Closeable, Flushable {
    /** The snap length tcpdump writes by default. */
    public static final int DEFAULT_SNAPLEN = 262144;

    private final OutputStream out;
    private final boolean nanos;
    private final ByteBuffer header;

    public PcapWriter(OutputStream out, int linkType, boolean nanos) throws IOException {
        this(out, linkType, nanos, DEFAULT_SNAPLEN, ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes the file header at once, in the given byte order. */
    public PcapWriter(OutputStream out, int linkType, boolean nanos, int snapLen, ByteOrder order) throws IOException {
        this.out = out;
        this.nanos = nanos;
        this.header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4)
                .putShort((short) 2).putShort((short) 4)  // version 2.4
                .putInt(0).putInt(0)                      // thiszone, sigfigs: always 0
                .putInt(snapLen).putInt(linkType);
        out.write(header.array(), 0, 24);
    }

    /** A writer to a new file (replaced if it exists). */
    public static PcapWriter create(Path path, int linkType, boolean nanos) throws IOException {
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        try {
            return new PcapWriter(os, linkType, nanos);
        } catch (IOException | RuntimeException e) {
            os.close();
            throw e;
        }
    }

    /** One whole packet: captured length = wire length = data.length. */
    public void write(long seconds, int nanosOfSecond, byte[] data) throws IOException {
        write(seconds, nanosOfSecond, data, 0, data.length, data.length);
    }

    /** Writes capLen bytes from data[off]; origLen is the wire length to claim (at least capLen for a sane file). */
    public void write(long seconds, int nanosOfSecond, byte[] data, int off, int capLen, int origLen) throws IOException {
        writeRecordHeader(seconds, nanos ? nanosOfSecond : nanosOfSecond / 1000, capLen & 0xffffffffL, origLen & 0xffffffffL);
        out.write(data, off, capLen);
    }

    /** Copies a frame as it was read (same timestamp and lengths). */
    public void write(Frame f) throws IOException {
        write(f.tsSeconds, f.tsNanos, f.data, f.offset, f.capLen, f.origLen);
    }

    /**
     * A record header alone, each field as given (low 32 bits): {@code fraction} is in the file's
     * unit (micro or nanoseconds). The caller writes the record body, or deliberately does not.
     */
    public void writeRecordHeader(long seconds, long fraction, long capLen, long origLen) throws IOException {
        header.clear();
        header.putInt((int) seconds).putInt((int) fraction).putInt((int) capLen).putInt((int) origLen);
        out.write(header.array(), 0, 16);
    }

    /** Arbitrary bytes (garbage, half a record). */
    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
