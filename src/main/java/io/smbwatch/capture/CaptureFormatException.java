package io.smbwatch.capture;

import java.io.IOException;

/** The input is not a capture we can read at all (bad magic, no header). */
public final class CaptureFormatException extends IOException {
    public CaptureFormatException(String message) {
        super(message);
    }
}
