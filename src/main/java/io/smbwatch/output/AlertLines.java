package io.smbwatch.output;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.Detection;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.engine.Alert;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.output.eve.FastLine;
import io.smbwatch.output.eve.Printable;

/**
 * The alerts of the text output: one fast.log line per alert, rule or built-in, marked
 * {@code ** ALERT} with its frame, and under it what explains it: a detection's explanation, or
 * for a rule given to {@code --explain} the message's fields and each content's bytes in hex and
 * as text. Wire data in them is escaped ({@link Printable}). Each alert goes to {@link Sink} with
 * its frame, so that a display filter shows it with its frame's messages.
 */
public final class AlertLines implements AlertSink, DetectionSink {
    /** Where an alert's lines go, with the frame they belong to. */
    public interface Sink {
        void lines(long frame, String text);
    }

    private final Sink sink;
    private final StringBuilder b = new StringBuilder(256);

    public AlertLines(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void onAlert(Alert a) {
        b.setLength(0);
        head(a.frame()).append(FastLine.of(a));
        if (a.explain() != null) explain(a);
        sink.lines(a.frame(), b.toString());
    }

    @Override
    public void onDetection(Detection d) {
        long frame = d.frames().isEmpty() ? 0 : d.frames().get(d.frames().size() - 1);
        b.setLength(0);
        head(frame).append(FastLine.of(d));
        b.append(System.lineSeparator()).append("        why: ").append(Printable.of(d.explain()));
        sink.lines(frame, b.toString());
    }

    private StringBuilder head(long frame) {
        return b.append("** ALERT frame ").append(frame).append("  ");
    }

    private void explain(Alert a) {
        SmbMessage m = a.message();
        if (m != null) {
            b.append(System.lineSeparator()).append("        in ").append(m.protocol).append(" frame ").append(m.frame);
            if (m.commandName != null) b.append(", ").append(Printable.of(m.commandName));
            if (m.statusHex() != null) b.append(", status ").append(m.statusHex());
            String file = m.fields.getString("smb2.filename");
            if (file == null) file = m.file;
            if (file != null) b.append(", file \"").append(Printable.of(file)).append('"');
            if (m.tree != null) b.append(", share \"").append(Printable.of(m.tree)).append('"');
        }
        for (Alert.Explained x : a.explain()) {
            b.append(System.lineSeparator()).append("        ").append(Printable.of(x.step()));
            if (x.offset() < 0) {
                b.append(" (absent, as required) in ").append(x.buffer());
                continue;
            }
            b.append(" in ").append(x.buffer()).append(" at ").append(x.offset()).append(": ")
             .append(x.before()).append(x.before().isEmpty() ? "[" : " [").append(x.match())
             .append(x.after().isEmpty() ? "]" : "] ").append(x.after())
             .append("  |").append(text(x.before())).append('[').append(text(x.match())).append(']')
             .append(text(x.after())).append('|');
        }
    }

    /** Hex bytes ("4d 5a") as text, '.' for what is not printable ASCII. */
    static String text(String hex) {
        StringBuilder t = new StringBuilder(hex.length() / 3 + 1);
        for (int i = 0; i + 1 < hex.length(); i += 3) {
            int v = Character.digit(hex.charAt(i), 16) * 16 + Character.digit(hex.charAt(i + 1), 16);
            t.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
        }
        return t.toString();
    }
}
