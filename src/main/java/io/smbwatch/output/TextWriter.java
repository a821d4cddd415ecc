package io.smbwatch.output;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.stats.Stats;
import java.io.PrintStream;

/**
 * One line per message in the spirit of tshark's default columns:
 * frame, seconds since the first frame, source → destination, protocol, info.
 */
public final class TextWriter implements MessageListener {
    private final PrintStream out;
    private final java.util.function.Supplier<Stats> stats;
    private final StringBuilder sb = new StringBuilder(256);

    /** {@code stats} gives the capture's first timestamp, known once reading has started. */
    public TextWriter(PrintStream out, java.util.function.Supplier<Stats> stats) {
        this.out = out;
        this.stats = stats;
    }

    @Override
    public void onMessage(SmbMessage m) {
        sb.setLength(0);
        String frame = Long.toString(m.frame);
        for (int i = frame.length(); i < 7; i++) sb.append(' ');
        sb.append(frame).append(' ');
        Stats s = stats.get();
        long nanos = (m.tsSeconds - s.firstSeconds) * 1_000_000_000L + (m.tsNanos - s.firstNanos);
        String t = String.format("%.6f", nanos / 1e9);
        for (int i = t.length(); i < 12; i++) sb.append(' ');
        sb.append(t).append(' ');
        sb.append(m.srcAddress()).append(':').append(m.srcPort()).append(" → ")
          .append(m.dstAddress()).append(':').append(m.dstPort()).append(' ');
        sb.append(m.protocol);
        for (int i = m.protocol.length(); i < 9; i++) sb.append(' ');
        sb.append(m.info);
        out.println(sb);
    }
}
