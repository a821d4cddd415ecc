package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --version}: the pom's version and the commit the build was made from (git's HEAD here). */
class VersionTest {
    /** The project's version as the pom declares it. */
    static String pomVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>smbwatch</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "pom.xml names its version");
        return m.group(1);
    }

    /** git rev-parse HEAD in the working tree, or "unknown" without git or outside a repository. */
    static String head() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    @Test
    void versionAndCommitOfTheBuild() throws Exception {
        ReadCommandTest.Result r = ReadCommandTest.runHere(null, "--version");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("smbwatch " + pomVersion(), lines[0]);
        String head = head();
        assertTrue(head.equals("unknown") || head.matches("[0-9a-f]{40}"), head);
        assertEquals("commit " + head, lines[1], "the commit checked out when the build ran");
        assertTrue(lines[2].startsWith("Java " + System.getProperty("java.runtime.version")), lines[2]);
        // every subcommand answers the same
        assertEquals(r.out(), ReadCommandTest.runHere(null, "read", "--version").out());
        assertEquals(r.out(), ReadCommandTest.runHere(null, "report", "--version").out());
    }

    @Test
    void aPlaceholderTheBuildCouldNotFillIsUnknown() {
        assertEquals("unknown", Version.known("${buildNumber}"));
        assertEquals("unknown", Version.known(" "));
        assertEquals("unknown", Version.known(null));
        assertEquals("0123abc", Version.known("0123abc"));
    }
}
