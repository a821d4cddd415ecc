package io.smbwatch.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Differences;
import io.smbwatch.corpus.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every capture and expression of ../shared/expected/tshark-filters (filters.txt,
 * frames.tsv: what {@code tshark -2 -Y} selected), smbwatch's display filter selects the same
 * frames (see {@link FilterCorpus} for which frames are compared). A difference is allowed when
 * its (capture, line) is in {@link #PENDING} (fields another developer is adding) or its frames
 * are listed in docs/DIFFERENCES.md under check "filter LINE" ("filter-extra LINE" for
 * src/test/resources/filters-extra.txt).
 */
class TsharkFiltersTest {
    /**
     * (capture + " " + filters.txt line) → reason for a difference that a feature still being
     * built explains. Empty: the DCERPC fields it held for have landed and agree.
     */
    static final Map<String, String> PENDING = Map.of();

    static Path dir() {
        return Shared.root().resolve("expected/tshark-filters");
    }

    static Stream<String> captures() throws Exception {
        if (!Shared.present()) return Stream.of("(shared corpus absent)");
        return FilterCorpus.readFrames(dir().resolve("frames.tsv")).keySet().stream();
    }

    static final Path EXTRA = Path.of("src/test/resources/filters-extra.txt");
    static final Path EXTRA_FRAMES = Path.of("src/test/resources/filters-extra-frames.tsv");

    static Stream<String> extraCaptures() throws Exception {
        return FilterCorpus.readFrames(EXTRA_FRAMES).keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameFramesAsTshark(String capture) throws Exception {
        Shared.require();
        Map<Integer, String> filters = FilterCorpus.readFilters(Files.readAllLines(dir().resolve("filters.txt")));
        check(capture, filters, FilterCorpus.readFrames(dir().resolve("frames.tsv")).get(capture), PENDING, "filter");
    }

    /** Our own expressions (filters-extra.txt), with the frames tshark selected on a few captures. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("extraCaptures")
    void extraFiltersSelectTheSameFramesAsTshark(String capture) throws Exception {
        Shared.require();
        Map<Integer, String> filters = FilterCorpus.readFilters(Files.readAllLines(EXTRA));
        check(capture, filters, FilterCorpus.readFrames(EXTRA_FRAMES).get(capture), Map.of(), "filter-extra");
    }

    private static void check(String capture, Map<Integer, String> filters, Map<Integer, Set<Long>> expected,
                              Map<String, String> pendingList, String check) throws Exception {
        Differences known = Differences.load();
        List<String> failures = new ArrayList<>();
        int agree = 0, total = 0, frames = 0, agreeFrames = 0;
        for (FilterCorpus.Result r : FilterCorpus.compare(capture, filters, expected)) {
            total++;
            frames += r.universe();
            agreeFrames += r.agreeing();
            if (r.agrees()) {
                agree++;
                continue;
            }
            String pending = pendingList.get(capture + " " + r.line());
            if (pending != null) {
                System.out.println("filters pending: " + r + " — " + pending);
                continue;
            }
            boolean listed = true;
            for (Long f : r.onlyTshark()) listed &= listed(known, check, r, f);
            for (Long f : r.onlySmbwatch()) listed &= listed(known, check, r, f);
            if (listed) System.out.println("filters documented: " + r);
            else failures.add(r.toString());
        }
        System.out.printf("filters %s: %d/%d expressions agree; %d/%d (frame, expression) verdicts agree%n",
                capture, agree, total, agreeFrames, frames);
        assertTrue(failures.isEmpty(), "differences from tshark -Y:\n" + String.join("\n", failures));
    }

    /**
     * A frame's verdict may differ when docs/DIFFERENCES.md lists it for this filter line
     * ("filter N") or lists a field difference ("fields", "FIELD capture") for a field the
     * expression reads: the filter then sees the values smbwatch has, as it should.
     */
    static boolean listed(Differences known, String check, FilterCorpus.Result r, long frame) {
        if (known.listed(check + " " + r.line(), r.capture(), frame)) return true;
        for (String f : r.fields()) if (known.listed("fields", f + " " + r.capture(), frame)) return true;
        return false;
    }

    /** Every allow-list entry names a real capture and line, so the list cannot rot. */
    @Test
    void pendingEntriesAreReal() throws Exception {
        Shared.require();
        Map<String, Map<Integer, Set<Long>>> all = FilterCorpus.readFrames(dir().resolve("frames.tsv"));
        for (String k : PENDING.keySet()) {
            int sp = k.lastIndexOf(' ');
            assertTrue(all.containsKey(k.substring(0, sp)) && all.get(k.substring(0, sp)).containsKey(Integer.parseInt(k.substring(sp + 1))), k);
        }
    }
}
