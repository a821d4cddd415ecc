package io.smbwatch.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tshark -T fields TSV with a header row; cells with several values are joined by '|'. */
public final class TsharkTable {
    public final List<String> columns;
    public final List<String[]> rows = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    public TsharkTable(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        columns = List.of(lines.get(0).split("\t", -1));
        for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) rows.add(lines.get(i).split("\t", -1));
        }
    }

    public String get(String[] row, String column) {
        Integer i = index.get(column);
        if (i == null) throw new IllegalArgumentException("no column " + column);
        return i < row.length ? row[i] : "";
    }

    /** The values of a multi-valued cell (empty list for an empty cell). */
    public List<String> values(String[] row, String column) {
        String v = get(row, column);
        return v.isEmpty() ? List.of() : List.of(v.split("\\|", -1));
    }
}
