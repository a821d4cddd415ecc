package io.smbwatch.filter;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.corpus.Differences;
import io.smbwatch.corpus.Run;
import io.smbwatch.corpus.Shared;
import io.smbwatch.corpus.TsharkTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the frames smbwatch's display filters select with tshark's. {@code read -Y} prints
 * messages, so the comparison covers the frames that carry a message in smbwatch and are
 * dissected as SMB/SMB2/DCERPC/NBSS by tshark (frames whose message sequence differs for a
 * reason listed in docs/DIFFERENCES.md, check "sequence", are left out): tshark also selects
 * handshakes, ACKs and TCP segments of reassembled PDUs, which have no message to print.
 */
final class FilterCorpus {
    /** One (capture, filter) comparison. */
    record Result(String capture, int line, String filter, Set<String> fields, Set<Long> onlyTshark, Set<Long> onlySmbwatch, int universe, int agreeing) {
        boolean agrees() {
            return onlyTshark.isEmpty() && onlySmbwatch.isEmpty();
        }

        @Override
        public String toString() {
            return capture + " line " + line + " [" + filter + "]: tshark only " + onlyTshark + ", smbwatch only " + onlySmbwatch;
        }
    }

    /** frames.tsv-style expectations: capture → line → frames. */
    static Map<String, Map<Integer, Set<Long>>> readFrames(Path tsv) throws IOException {
        Map<String, Map<Integer, Set<Long>>> m = new TreeMap<>();
        for (String l : Files.readAllLines(tsv)) {
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("capture\t")) continue;
            String[] c = l.split("\t", -1);
            Set<Long> frames = new TreeSet<>();
            if (c.length > 3) for (String f : c[3].split(",")) if (!f.isBlank()) frames.add(Long.parseLong(f.trim()));
            m.computeIfAbsent(c[0], k -> new TreeMap<>()).put(Integer.parseInt(c[1]), frames);
        }
        return m;
    }

    /** Filter lines (1-based), skipping blank and # lines but keeping the numbering. */
    static Map<Integer, String> readFilters(List<String> lines) {
        Map<Integer, String> m = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isBlank() && !l.startsWith("#")) m.put(i + 1, l);
        }
        return m;
    }

    /** The tshark TSV beside a capture of any extension (.pcap, .pcapng, .cap). */
    static Path tsharkTsv(String capture) {
        return Shared.root().resolve("expected/tshark").resolve(capture.replaceAll("\\.(pcapng|pcap|cap)(\\.gz)?$", "") + ".tsv");
    }

    static List<Result> compare(String capture, Map<Integer, String> filters, Map<Integer, Set<Long>> expected) throws Exception {
        Map<Long, List<SmbMessage>> byFrame = new TreeMap<>();
        for (SmbMessage m : new Run(Shared.pcap(capture)).messages) byFrame.computeIfAbsent(m.frame, k -> new ArrayList<>()).add(m);
        Set<Long> tsharkFrames = new TreeSet<>();
        TsharkTable t = new TsharkTable(tsharkTsv(capture));
        for (String[] row : t.rows) tsharkFrames.add(Long.parseLong(t.get(row, "frame.number")));
        Differences known = Differences.load();
        Set<Long> universe = new TreeSet<>();
        for (Long f : byFrame.keySet()) if (tsharkFrames.contains(f) && !known.listed("sequence", capture, f)) universe.add(f);
        Map<Long, MessageFrame> views = new HashMap<>();
        for (Long f : universe) views.put(f, new MessageFrame(byFrame.get(f)));
        List<Result> out = new ArrayList<>();
        for (Map.Entry<Integer, Set<Long>> e : expected.entrySet()) {
            String text = filters.get(e.getKey());
            DisplayFilter df = DisplayFilter.compile(text);
            Set<Long> ours = new TreeSet<>();
            for (Long f : universe) if (df.matches(views.get(f))) ours.add(f);
            Set<Long> theirs = new TreeSet<>(e.getValue());
            theirs.retainAll(universe);
            Set<Long> onlyT = new TreeSet<>(theirs), onlyS = new TreeSet<>(ours);
            onlyT.removeAll(ours);
            onlyS.removeAll(theirs);
            out.add(new Result(capture, e.getKey(), text, df.fields(), onlyT, onlyS, universe.size(), universe.size() - onlyT.size() - onlyS.size()));
        }
        return out;
    }
}
