package io.smbwatch.cli;

import io.smbwatch.app.MessageListener;
import io.smbwatch.files.FileExtractor;
import io.smbwatch.output.eve.EveWriter;
import io.smbwatch.output.eve.FileinfoLogger;
import io.smbwatch.output.zeek.ZeekLogs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Wires {@code read --extract-files DIR} and the logs of {@code -l OUTDIR} beyond eve.json: the
 * file extractor (files stored under DIR, or only hashed for EVE fileinfo when DIR is not
 * given), the EVE fileinfo events, and the Zeek-style logs.
 */
final class FileOutputs {
    private FileExtractor extractor;

    /** Adds the listeners; returns null when nothing is asked. */
    static FileOutputs setup(Path extractDir, Path logDir, EveWriter eve, List<MessageListener> listeners,
                             List<AutoCloseable> toClose) throws IOException {
        if (extractDir == null && logDir == null) return null;
        FileOutputs o = new FileOutputs();
        boolean fileinfo = eve != null && eve.selected("fileinfo");
        ZeekLogs zeek = logDir != null ? new ZeekLogs(logDir) : null;
        if (extractDir != null || fileinfo || zeek != null) {
            o.extractor = new FileExtractor(extractDir);
            if (fileinfo) o.extractor.addSink(new FileinfoLogger(eve));
            if (zeek != null) o.extractor.addSink(zeek);
            listeners.add(o.extractor);
            toClose.add(0, o.extractor);   // files still open are finished before the logs close
        }
        if (zeek != null) {
            listeners.add(zeek);
            toClose.add(1, zeek);
        }
        return o;
    }

    /** Whether file data (hashes, extraction, files.log) is followed: then messages' file data must reach it. */
    boolean needsFileData() {
        return extractor != null;
    }

    void printStats(PrintStream err) {
        if (extractor == null) return;
        FileExtractor.Counters c = extractor.counters();
        err.printf("%-28s %d (stored %d, bytes %d; caps hit: per flow %d, total %d, ranges %d, size %d; io errors %d)%n",
                "files:", c.files, c.stored, c.bytes, c.perFlowCapHits, c.totalCapHits, c.rangeCapHits, c.sizeCapHits, c.ioErrors);
    }
}
