package io.smbwatch.capture;

import io.smbwatch.config.Limit;
import io.smbwatch.stats.Anomalies;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a capture file or standard input ("-") and picks the reader by magic number: classic pcap
 * (either byte order, micro or nanoseconds), pcapng, or either of them gzip-compressed.
 */
public final class Captures {
    private Captures() {}


    public static CaptureReader open(String name, Anomalies anomalies) throws IOException {
        return open(name, anomalies, Long.MAX_VALUE);
    }

    /**
     * @param limit bytes of a regular file to read at most, even if it grows meanwhile: readers of
     *     one file that must all see the same frames (sharded workers) are given its size at the start
     */
    public static CaptureReader open(String name, Anomalies anomalies, long limit) throws IOException {
        ReadableByteChannel ch;
        if ("-".equals(name)) {
            ch = Channels.newChannel(System.in);
        } else {
            Path p = Path.of(name);
            ch = FileChannel.open(p, StandardOpenOption.READ);
            // regular files are mapped (one copy fewer); pipes and devices are read
            if (java.nio.file.Files.isRegularFile(p)) ch = new MappedFileChannel((FileChannel) ch, limit);
        }
        return open(ch, anomalies);
    }

    /**
     * Opens a capture file for a reader that will step over most frames ({@link CaptureReader#nextHead}):
     * a classic pcap file is then read in place from a mapping, copying only what is asked for;
     * anything else (pcapng, gzip, standard input) is opened as by {@link #open(String, Anomalies, long)}.
     * Readers opened either way give the same frames and anomalies.
     */
    public static CaptureReader openSkimming(String name, Anomalies anomalies, long limit) throws IOException {
        if ("-".equals(name) || !java.nio.file.Files.isRegularFile(Path.of(name))) return open(name, anomalies, limit);
        FileChannel ch = FileChannel.open(Path.of(name), StandardOpenOption.READ);
        try {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // a magic number of four bytes
            }
            if (!head.hasRemaining() && PcapReader.isMagic(head.getInt(0))) return new MappedPcapReader(ch, anomalies, limit);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        ch.close();
        return open(name, anomalies, limit);
    }

    public static CaptureReader open(ReadableByteChannel ch, Anomalies anomalies) throws IOException {
        ChannelInput in = new ChannelInput(ch, Limit.PCAPNG_BLOCK.defaultInt());
        try {
            if (!in.ensure(4)) throw new CaptureFormatException("empty or too short to be a capture (" + in.available() + " bytes)");
            if (isGzip(in)) {
                in = new ChannelInput(GzipChannel.over(in, anomalies), Limit.PCAPNG_BLOCK.defaultInt());
                if (!in.ensure(4)) {
                    throw new CaptureFormatException("gzip-compressed, but too short to be a capture (" + in.available()
                            + " bytes once decompressed)");
                }
                if (isGzip(in)) throw new CaptureFormatException("gzip-compressed twice; decompress it once first");
            }
            int magic = PcapReader.be32(in.buf, in.pos);
            if (magic == PcapngReader.SHB) return new PcapngReader(in, anomalies);
            if (!PcapReader.isMagic(magic)) {
                throw new CaptureFormatException(String.format(
                        "not a capture file: unknown magic number 0x%08x (expected pcap, pcapng or gzip)", magic));
            }
            return new PcapReader(in, anomalies);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean isGzip(ChannelInput in) {
        return in.buf[in.pos] == (byte) 0x1f && in.buf[in.pos + 1] == (byte) 0x8b;
    }
}
