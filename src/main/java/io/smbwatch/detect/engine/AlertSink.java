package io.smbwatch.detect.engine;

/** Receives alerts in capture order. */
public interface AlertSink {
    void onAlert(Alert a);
}
