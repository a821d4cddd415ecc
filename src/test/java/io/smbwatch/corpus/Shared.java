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
        return root().resolve("pcaps").resolve(rel);
    }

    /** The tshark TSV for a capture given relative to pcaps/. */
    public static Path tsharkTsv(String rel) {
        String stem = rel.replaceAll("\\.pcap(ng)?(\\.gz)?$", "");
        return root().resolve("expected/tshark").resolve(stem + ".tsv");
    }
}
