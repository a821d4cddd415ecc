package io.smbwatch.config;

import java.nio.file.Path;

/** A configuration refused: names the key, and the file and line when it came from a file. */
public final class ConfigException extends Exception {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public ConfigException(Path file, int line, String key, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + key + ": " + problem);
        this.key = key;
    }

    /** The key refused, e.g. {@code limits.smb2.sessions} or {@code --workers}. */
    public String key() {
        return key;
    }
}
