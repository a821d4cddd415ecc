package io.smbwatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the version and the source commit, written into {@code version.properties} by
 * the build; the Java runtime that runs it (the bundled one in a package).
 */
public final class Version implements IVersionProvider {
    /** The build's value, or "unknown" when the build had none (no git, or a placeholder left unfilled). */
    static String get(String key) {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // a jar we cannot read our own resource from: say unknown rather than fail --version
        }
        return known(p.getProperty(key));
    }

    /** A filtered value, or "unknown" for none, a blank or a placeholder the build could not fill. */
    static String known(String v) {
        return v == null || v.isBlank() || v.contains("${") ? "unknown" : v.trim();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"smbwatch " + get("version"), "commit " + get("commit"),
                "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")"};
    }
}
