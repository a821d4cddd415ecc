package io.smbwatch.detect;

/** Receives detections (the alert writer, the incident grouper, a test). */
public interface DetectionSink {
    void onDetection(Detection d);
}
