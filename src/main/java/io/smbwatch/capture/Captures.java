package io.smbwatch.capture;

import io.smbwatch.stats.Anomalies;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a capture file or standard input ("-") and picks the reader by magic number. */
public final class Captures {
    private Captures() {}

    /** Window cap: a record never needs more than this in memory at once. */
    static final int MAX_WINDOW = 8 << 20;

    public static CaptureReader open(String name, Anomalies anomalies) throws IOException {
        ReadableByteChannel ch = "-".equals(name)
                ? Channels.newChannel(System.in)
                : FileChannel.open(Path.of(name), StandardOpenOption.READ);
        return open(ch, anomalies);
    }

    public static CaptureReader open(ReadableByteChannel ch, Anomalies anomalies) throws IOException {
        ChannelInput in = new ChannelInput(ch, MAX_WINDOW);
        try {
            if (!in.ensure(4)) throw new CaptureFormatException("empty or too short to be a capture");
            int magic = PcapReader.be32(in.buf, in.pos);
            if (magic == 0x0a0d0d0a) throw new CaptureFormatException("pcapng is not supported yet");
            return new PcapReader(in, anomalies);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
