package io.smbwatch.proto.smb;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Immutable int code to name map: sorted keys plus binary search, so a lookup
 * allocates nothing. Filled once from a {@link WiresharkTables} or {@link SpecTables}
 * method; entries may arrive in any order but a code may appear only once.
 */
final class CodeTable {
    private final int[] codes;
    private final String[] names;

    private CodeTable(int[] codes, String[] names) {
        this.codes = codes;
        this.names = names;
    }

    static CodeTable of(Consumer<WiresharkTables.Sink> source) {
        int[][] codeBox = {new int[64]};
        String[][] nameBox = {new String[64]};
        int[] n = {0};
        source.accept((code, name) -> {
            if (n[0] == codeBox[0].length) {
                codeBox[0] = Arrays.copyOf(codeBox[0], n[0] * 2);
                nameBox[0] = Arrays.copyOf(nameBox[0], n[0] * 2);
            }
            codeBox[0][n[0]] = code;
            nameBox[0][n[0]] = name;
            n[0]++;
        });
        int size = n[0];
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(codeBox[0][a], codeBox[0][b]));
        int[] codes = new int[size];
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            codes[i] = codeBox[0][order[i]];
            names[i] = nameBox[0][order[i]];
            if (i > 0 && codes[i] == codes[i - 1]) {
                throw new IllegalStateException("duplicate code 0x" + Integer.toHexString(codes[i]));
            }
        }
        return new CodeTable(codes, names);
    }

    /** The name for {@code code}, or null. */
    String get(int code) {
        int i = Arrays.binarySearch(codes, code);
        return i >= 0 ? names[i] : null;
    }

    int size() {
        return codes.length;
    }

    /** Names indexed by code for codes 0..length-1 (null where absent). */
    String[] dense(int length) {
        String[] out = new String[length];
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0 && codes[i] < length) {
                out[codes[i]] = names[i];
            }
        }
        return out;
    }
}
