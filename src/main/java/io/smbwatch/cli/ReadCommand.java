package io.smbwatch.cli;

import io.smbwatch.app.MessageListener;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.output.JsonLinesWriter;
import io.smbwatch.output.TextWriter;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import io.smbwatch.pipeline.Stats;
import io.smbwatch.stats.Anomalies;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smbwatch read FILE}: one line (or JSON object) per SMB message, statistics on stderr. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Read a pcap or pcapng capture (or '-' for standard input) and print its SMB messages.")
final class ReadCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "capture file, or - for standard input")
    String file;

    @Option(names = "--json", description = "print one JSON object per message (JSON Lines)")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "print the statistics only")
    boolean quiet;

    @Option(names = "--anomalies", paramLabel = "N", description = "list the first N anomalies on stderr (default: ${DEFAULT-VALUE})")
    int listAnomalies = 10;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        OutputStream raw = new BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
        PrintStream out = new PrintStream(raw, false, StandardCharsets.UTF_8);
        Stats[] statsRef = new Stats[1];
        JsonLinesWriter jsonWriter = null;
        Pipeline pipeline;
        MessageListener listener;
        Pipeline[] holder = new Pipeline[1];
        if (quiet) {
            listener = MessageListener.NONE;
        } else if (json) {
            jsonWriter = new JsonLinesWriter(out);
            listener = jsonWriter;
        } else {
            listener = m -> { };
        }
        pipeline = new Pipeline(Settings.defaults(), listener instanceof JsonLinesWriter || quiet ? listener
                : new DeferredText(out, holder));
        holder[0] = pipeline;
        Anomalies anomalies = pipeline.anomalies();
        try (CaptureReader reader = Captures.open(file, anomalies)) {
            pipeline.run(reader);
        } catch (NoSuchFileException e) {
            err.println("smbwatch: cannot read " + file + ": no such file");
            return 2;
        } catch (io.smbwatch.capture.CaptureFormatException e) {
            err.println("smbwatch: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("smbwatch: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (jsonWriter != null) jsonWriter.close();
        out.flush();
        statsRef[0] = pipeline.stats();
        printStats(err, statsRef[0]);
        return 0;
    }

    /** Text output needs the capture's first timestamp, known only once reading started. */
    private static final class DeferredText implements MessageListener {
        private final PrintStream out;
        private final Pipeline[] holder;
        private TextWriter text;

        DeferredText(PrintStream out, Pipeline[] holder) {
            this.out = out;
            this.holder = holder;
        }

        @Override
        public void onMessage(io.smbwatch.app.SmbMessage m) {
            if (text == null) text = new TextWriter(out, holder[0].stats());
            text.onMessage(m);
        }
    }

    private void printStats(PrintStream err, Stats s) {
        err.println("== smbwatch statistics ==");
        print(err, "", s.toMap());
        int shown = 0;
        for (Anomalies.Anomaly a : s.anomalies.kept()) {
            if (shown++ == listAnomalies) break;
            err.println("anomaly: " + a);
        }
        if (s.anomalies.total() > shown) {
            for (Map.Entry<String, Long> e : s.anomalies.counts().entrySet()) {
                err.println("anomalies " + e.getKey() + ": " + e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintStream err, String prefix, Map<String, Object> m) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() instanceof Map) {
                Map<String, Object> sub = (Map<String, Object>) e.getValue();
                StringBuilder sb = new StringBuilder();
                for (Map.Entry<String, Object> x : sub.entrySet()) {
                    if (x.getValue() instanceof Long && (Long) x.getValue() == 0) continue;
                    if (sb.length() > 0) sb.append(", ");
                    sb.append(x.getKey()).append(' ').append(x.getValue());
                }
                err.printf("%-28s %s%n", prefix + e.getKey() + ":", sb.length() == 0 ? "0" : sb);
            } else {
                err.printf("%-28s %s%n", prefix + e.getKey() + ":", e.getValue());
            }
        }
    }
}
