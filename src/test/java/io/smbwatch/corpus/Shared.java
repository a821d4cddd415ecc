package io.smbwatch.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared corpus (../shared beside the repository, or $SMBWATCH_SHARED). */
public final class Shared {
    private Shared() {}

    public static Path root() {
        String env = System.getenv("SMBWATCH_SHARED");
        return env != null ? Path.of(env) : Path.of("..", "shared").toAbsolutePath().normalize();
    }

    public static boolean present() {
        return Files.isDirectory(root().resolve("pcaps"));
    }

    /** Skips the calling test, with the reason, when the corpus is absent (a user's clone). */
    public static Path require() {
        Assumptions.assumeTrue(present(), "../shared is absent (" + root() + "): shared-corpus tests skipped");
        return root();
    }

    /** Captures made for this repository (samples/), named "repo:samples/NAME.pcap". */
    public static final String REPO = "repo:";

    /**
     * Every capture with a tshark expectation: the repository's own samples (always) and the
     * shared corpus (when present).
     */
    public static List<String> captures() throws IOException {
        List<String> l = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            s.filter(p -> p.toString().endsWith(".pcap")).sorted()
                    .forEach(p -> l.add(REPO + "samples/" + p.getFileName()));
        }
        if (present()) l.addAll(capturesWithTshark());
        return l;
    }

    /** Skips the test when the capture is from ../shared and that is absent. */
    public static void require(String capture) {
        if (!capture.startsWith(REPO)) require();
    }

    /** Every capture under pcaps/ that has a tshark expectation, as paths relative to pcaps/. */
    public static List<String> capturesWithTshark() throws IOException {
        Path root = root();
        Path tsv = root.resolve("expected/tshark");
        try (Stream<Path> s = Files.walk(tsv)) {
            return s.filter(p -> p.toString().endsWith(".tsv"))
                    .map(p -> tsv.relativize(p).toString())
                    .map(rel -> rel.substring(0, rel.length() - 4))
                    .map(stem -> capture(root, stem))
                    .filter(c -> c != null)
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static String capture(Path root, String stem) {
        for (String ext : new String[] {".pcap", ".pcapng", ".pcap.gz"}) {
            if (Files.exists(root.resolve("pcaps").resolve(stem + ext))) return stem + ext;
        }
        return null;
    }

    public static Path pcap(String rel) {
        if (rel.startsWith(REPO)) return Path.of(rel.substring(REPO.length()));
        return root().resolve("pcaps").resolve(rel);
    }

    static String stem(String rel) {
        return rel.replaceAll("\\.pcap(ng)?(\\.gz)?$", "");
    }

    /** The directory holding a capture's expected results (tshark/ or suricata/ below it, or samples/expected). */
    static Path expected(String rel, String tool) {
        if (rel.startsWith(REPO)) return Path.of("samples", "expected");
        return root().resolve("expected").resolve(tool);
    }

    /** The capture's path below its expected-results directory, without extension. */
    static String expectedStem(String rel) {
        if (rel.startsWith(REPO)) return Path.of(stem(rel.substring(REPO.length()))).getFileName().toString();
        return stem(rel);
    }

    /** The tshark TSV for a capture. */
    public static Path tsharkTsv(String rel) {
        return expected(rel, "tshark").resolve(expectedStem(rel) + ".tsv");
    }

    /** Suricata's EVE for a capture. */
    public static Path suricataEve(String rel) {
        return expected(rel, "suricata").resolve(expectedStem(rel)).resolve("eve.json");
    }
}
