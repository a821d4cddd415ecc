package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * scripts/package.sh built once for the class, then used as a user would: the .deb unpacked into a
 * scratch root (dpkg -x) and the tarball unpacked, each run through a link in a directory on PATH,
 * from another directory, with a PATH that holds no java: their output on the repository's sample
 * is the in-repo run's. The launcher of the source checkout is run through a link the same way.
 * Skipped, with the reason, where jlink, jdeps, the JDK's jmods, dpkg-deb or Maven are missing.
 */
class PackageTest {
    static final Path SAMPLE = Path.of("samples/smb-sample.pcap").toAbsolutePath(), REPO = Path.of("").toAbsolutePath();

    @TempDir
    static Path tmp;
    static Path dist, deb, tarball;

    /** A command's exit status, standard output and error. */
    record Run(int code, String out, String err) {}

    static Run run(Path cwd, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().putAll(env);
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), String.join(" ", cmd) + " finished");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }

    @BeforeAll
    static void buildThePackage() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        for (String t : List.of("jlink", "jdeps"))
            Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin").resolve(t)) || onPath(t), t + " is absent: package test skipped");
        Assumptions.assumeTrue(Files.isDirectory(jdk.resolve("jmods")), jdk.resolve("jmods") + " is absent (no modules for jlink): package test skipped");
        for (String t : List.of("dpkg-deb", "mvn", "tar"))
            Assumptions.assumeTrue(onPath(t), t + " is absent: package test skipped");
        dist = tmp.resolve("dist");
        // the JDK that runs the tests makes the runtime (javac on PATH may be another)
        Run r = run(REPO, Map.of("JAVA_HOME", jdk.toString()), "bash", "scripts/package.sh", dist.toString());
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> s = Files.list(dist)) {
            for (Path p : s.toList()) {
                if (p.toString().endsWith(".deb")) deb = p;
                if (p.toString().endsWith(".tar.gz")) tarball = p;
            }
        }
        assertTrue(deb != null && tarball != null, "a .deb and a tarball in " + dist + ": " + r.out());
    }

    /** A PATH with the few tools the launcher uses and no java: the package must bring its own. */
    static String pathWithoutJava() throws Exception {
        Path bin = tmp.resolve("tools");
        if (!Files.isDirectory(bin)) {
            Files.createDirectories(bin);
            for (String t : List.of("bash", "readlink", "dirname", "mkdir", "stat", "cksum", "cut", "mktemp", "mv", "rm"))
                for (String d : List.of("/usr/bin", "/bin"))
                    if (Files.isExecutable(Path.of(d, t)) && !Files.exists(bin.resolve(t))) Files.createSymbolicLink(bin.resolve(t), Path.of(d, t));
        }
        assertFalse(Files.exists(bin.resolve("java")));
        return bin.toString();
    }

    /** The sample read by the command at {@code launcher}, from another directory, vs the in-repo run. */
    static void readsTheSampleAsTheRepository(Path launcher, String path, Path runtime) throws Exception {
        Path cwd = Files.createTempDirectory(tmp, "cwd");
        Map<String, String> env = Map.of("PATH", path, "XDG_CACHE_HOME", tmp.resolve("cache").toString());
        ReadCommandTest.Result here = ReadCommandTest.runHere(null, "read", SAMPLE.toString());
        assertEquals(0, here.code(), here.err());
        for (int i = 0; i < 2; i++) {   // the first run makes the class-data archive, the second uses it
            Run r = run(cwd, env, launcher.toString(), "read", SAMPLE.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(here.out(), r.out(), "the output of " + launcher);
            assertTrue(r.err().contains("packets:                     192"), r.err());
        }
        Run v = run(cwd, env, launcher.toString(), "--version");
        assertEquals(0, v.code(), v.err());
        assertEquals(ReadCommandTest.runHere(null, "--version").out().lines().limit(2).toList(), v.out().lines().limit(2).toList());
        if (runtime != null) assertTrue(v.out().contains("(" + runtime.toRealPath() + ")"), "runs on the package's runtime: " + v.out());
    }

    @Test
    void debInstallsSmbwatchOnPathWithItsOwnRuntime() throws Exception {
        Path root = tmp.resolve("root");
        Run x = run(REPO, Map.of(), "dpkg-deb", "-x", deb.toString(), root.toString());
        assertEquals(0, x.code(), x.err());
        Run info = run(REPO, Map.of(), "dpkg-deb", "-f", deb.toString(), "Package", "Architecture", "Depends");
        assertTrue(info.out().contains("Package: smbwatch"), info.out());
        Path bin = root.resolve("usr/bin/smbwatch");
        assertTrue(Files.isSymbolicLink(bin), "/usr/bin/smbwatch links into /usr/lib/smbwatch");
        assertEquals(Path.of("../lib/smbwatch/smbwatch"), Files.readSymbolicLink(bin));
        for (String f : List.of("usr/lib/smbwatch/lib/smbwatch.jar", "usr/lib/smbwatch/runtime/bin/java",
                "usr/share/bash-completion/completions/smbwatch", "usr/share/man/man1/smbwatch-read.1.gz"))
            assertTrue(Files.exists(root.resolve(f)), f);
        assertFalse(Files.exists(root.resolve("usr/lib/smbwatch/runtime/include")), "--no-header-files");
        readsTheSampleAsTheRepository(bin, pathWithoutJava(), root.resolve("usr/lib/smbwatch/runtime"));

        // the man pages name every option (roff: \- for -, \fB..\fP for bold) and the completion is the build's
        for (CommandSpec c : ManPageCompletionTest.commands()) {
            Path man = root.resolve("usr/share/man/man1/" + c.qualifiedName("-") + ".1.gz");
            String page;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(man))) {
                page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\\-", "-").replaceAll("\\\\f[BIRP]", "");
            }
            assertTrue(page.startsWith("'\\\" t") || page.contains(".TH \"" + c.qualifiedName("-").toUpperCase()), "a roff man page: " + man);
            for (OptionSpec o : c.options())
                for (String n : o.names()) assertTrue(ManPageCompletionTest.named(page, o, n), man + " names " + n);
        }
        assertEquals(Files.readString(ManPageCompletionTest.COMPLETION), Files.readString(root.resolve("usr/share/bash-completion/completions/smbwatch")));
    }

    @Test
    void tarballRunsWhereverItIsUnpackedThroughALink() throws Exception {
        Path into = tmp.resolve("opt");
        Files.createDirectories(into);
        Run x = run(into, Map.of(), "tar", "-xzf", tarball.toString());
        assertEquals(0, x.code(), x.err());
        Path top;
        try (Stream<Path> s = Files.list(into)) {
            top = s.filter(p -> p.getFileName().toString().startsWith("smbwatch-")).findFirst().orElseThrow();
        }
        Path links = Files.createDirectories(tmp.resolve("links"));
        Path link = Files.createSymbolicLink(links.resolve("smbwatch"), top.resolve("smbwatch"));
        assertTrue(Files.exists(top.resolve("share/man/man1/smbwatch.1")), "man pages in the tarball");
        readsTheSampleAsTheRepository(link, pathWithoutJava(), top.resolve("runtime"));
    }

    @Test
    void checkoutLauncherLinkedIntoPathFindsItsOwnDirectory() throws Exception {
        // package.sh just built target/smbwatch.jar, so the launcher runs it rather than Maven
        Path links = Files.createDirectories(tmp.resolve("checkout-links"));
        Path link = Files.createSymbolicLink(links.resolve("smbwatch"), Path.of("smbwatch").toAbsolutePath());
        readsTheSampleAsTheRepository(link, System.getenv("PATH"), null);
    }
}
