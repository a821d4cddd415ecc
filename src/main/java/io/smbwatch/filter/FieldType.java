package io.smbwatch.filter;

/** What a field holds, which decides how a filter's literal is read and which operators apply. */
public enum FieldType {
    /** A protocol: only its presence can be tested. */
    PROTOCOL("protocol"),
    /** Unsigned integer (also frame numbers, ports, NT statuses, opnums, seconds). */
    UINT("unsigned integer"),
    /** A flag: 0/1, True/False. */
    BOOLEAN("boolean"),
    STRING("character string"),
    BYTES("byte sequence"),
    IPV4("IPv4 address"),
    IPV6("IPv6 address"),
    /** A point in time ({@link java.time.Instant}), read from seconds since 1970 or a UTC date. */
    TIME("date and time"),
    /** A GUID or UUID, kept as text (any case, with or without braces). */
    GUID("GUID");

    public final String label;

    FieldType(String label) {
        this.label = label;
    }

    boolean ordered() {
        return this == UINT || this == BOOLEAN || this == STRING || this == BYTES || this == IPV4 || this == IPV6 || this == GUID || this == TIME;
    }
}
