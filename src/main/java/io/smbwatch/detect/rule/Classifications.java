package io.smbwatch.detect.rule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** classification.config: classtype → description (the alert's category) and default priority (its severity). */
public final class Classifications {
    public record Entry(String name, String description, int priority) {}

    private final Map<String, Entry> entries = new HashMap<>();

    /** The Emerging Threats classification.config bundled with smbwatch (the list Suricata ships). */
    public static Classifications defaults() {
        Classifications c = new Classifications();
        try (Reader r = new InputStreamReader(Classifications.class.getResourceAsStream("classification.config"), StandardCharsets.UTF_8)) {
            c.read(r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return c;
    }

    /** The defaults, with the entries of {@code file} added or replacing. */
    public static Classifications load(Path file) throws IOException {
        Classifications c = defaults();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            c.read(r);
        }
        return c;
    }

    private void read(Reader r) throws IOException {
        BufferedReader br = new BufferedReader(r);
        String line;
        while ((line = br.readLine()) != null) {
            line = line.trim();
            if (!line.startsWith("config classification:")) continue;
            String[] p = line.substring("config classification:".length()).split(",");
            if (p.length < 3) continue;
            try {
                Entry e = new Entry(p[0].trim(), p[1].trim(), Integer.parseInt(p[2].trim()));
                entries.put(e.name(), e);
            } catch (NumberFormatException ignored) {
                // a malformed line: Suricata skips it too
            }
        }
    }

    public Entry get(String name) {
        return entries.get(name);
    }
}
