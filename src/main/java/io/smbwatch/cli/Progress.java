package io.smbwatch.cli;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Frame;
import java.io.IOException;
import java.io.PrintStream;

/**
 * A progress line on the terminal for long reads: bytes read, packets per second and the time
 * left, redrawn at most twice a second on standard error. Wraps the capture reader, so the
 * pipeline knows nothing of it; stays silent unless asked to draw.
 */
final class Progress implements CaptureReader {
    private static final long EVERY_NANOS = 500_000_000L;

    private final CaptureReader reader;
    private final long total;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long last = start;
    private long packets;
    private boolean drawn;

    /** @param total size of the capture file in bytes, or 0 when unknown (standard input) */
    Progress(CaptureReader reader, long total, PrintStream err) {
        this.reader = reader;
        this.total = total;
        this.err = err;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        return counted(reader.next(frame));
    }

    @Override
    public boolean nextHead(Frame frame, int head) throws IOException {
        return counted(reader.nextHead(frame, head));
    }

    @Override
    public void whole(Frame frame) throws IOException {
        reader.whole(frame);
    }

    private boolean counted(boolean more) {
        if (more && (++packets & 0x3ff) == 0) {
            long now = System.nanoTime();
            if (now - last >= EVERY_NANOS) {
                last = now;
                draw(now);
            }
        }
        if (!more && drawn) err.print("\r\033[K");   // clear the line before the statistics
        return more;
    }

    private void draw(long now) {
        double secs = (now - start) / 1e9;
        long pos = reader.position();
        StringBuilder sb = new StringBuilder("\r");
        sb.append(String.format("%,d MB", pos / 1_000_000));
        if (total > 0) sb.append(String.format(" of %,d MB (%d%%)", total / 1_000_000, pos * 100 / total));
        sb.append(String.format(", %,.0f packets/s, %,.0f MB/s", packets / secs, pos / 1e6 / secs));
        if (total > 0 && pos > 0) sb.append(String.format(", %.0f s left", secs * (total - pos) / pos));
        err.print(sb);
        err.flush();
        drawn = true;
    }

    @Override
    public long position() {
        return reader.position();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
