package io.smbwatch.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The known differences from tshark listed in docs/DIFFERENCES.md. A row of its tables reads
 * {@code | check | capture | frames | reason |}; frames is a comma list of numbers and ranges
 * ("12, 40-45") or "*" for every frame.
 */
public final class Differences {
    private final Map<String, Set<Long>> frames = new HashMap<>();
    private final Set<String> whole = new HashSet<>();

    public static Differences load() throws IOException {
        Differences d = new Differences();
        Path doc = Path.of("docs", "DIFFERENCES.md");
        if (!Files.exists(doc)) return d;
        for (String line : Files.readAllLines(doc)) {
            if (!line.startsWith("|")) continue;
            String[] cells = line.split("\\|");
            if (cells.length < 5) continue;
            String check = cells[1].trim().replace("`", "");
            String capture = cells[2].trim().replace("`", "");
            String list = cells[3].trim();
            if (check.isEmpty() || check.startsWith("-") || check.equalsIgnoreCase("check")) continue;
            if (check.equals("fileinfo")) continue;   // listed by SHA-256, read by FilesVsSuricataTest
            String key = check + " " + capture;
            if (list.equals("*")) {
                d.whole.add(key);
                continue;
            }
            Set<Long> set = d.frames.computeIfAbsent(key, k -> new HashSet<>());
            for (String part : list.split(",")) {
                part = part.trim();
                if (part.isEmpty()) continue;
                int dash = part.indexOf('-');
                if (dash < 0) set.add(Long.parseLong(part));
                else for (long f = Long.parseLong(part.substring(0, dash)); f <= Long.parseLong(part.substring(dash + 1)); f++) set.add(f);
            }
        }
        return d;
    }

    public boolean listed(String check, String capture, long frame) {
        String key = check + " " + capture;
        return whole.contains(key) || frames.getOrDefault(key, Set.of()).contains(frame);
    }
}
