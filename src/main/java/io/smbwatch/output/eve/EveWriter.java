package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.capture.Timestamps;
import io.smbwatch.flow.Flow;
import io.smbwatch.flow.FlowIds;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes EVE JSON lines in Suricata 7's format (one object per line, the common header first:
 * timestamp, flow_id, pcap_cnt, event_type, addresses, proto). Event writers add their own
 * object between {@link #begin} and {@link #end}. Keys of ours that Suricata lacks go under the
 * top-level "smbwatch" object, so the event still validates against Suricata's schema.
 */
public final class EveWriter implements AutoCloseable {
    private final JsonGenerator out;
    /** Receives the events of types not selected ({@link #select}): they are built and dropped. */
    private final JsonGenerator discard;
    /** The generator of the event being written. */
    private JsonGenerator gen;
    private java.util.Set<String> types;

    /** The event types written (what {@code --eve-types} and {@code outputs.eve-types} may name). */
    public static final java.util.List<String> EVENT_TYPES = java.util.List.of("smb", "dcerpc", "alert", "fileinfo", "incident", "anomaly");

    public EveWriter(OutputStream out) throws IOException {
        this.out = new JsonFactory().createGenerator(out);
        this.out.setRootValueSeparator(null);
        this.discard = new JsonFactory().createGenerator(OutputStream.nullOutputStream());
        this.discard.setRootValueSeparator(null);
        this.gen = this.out;
    }

    /** Writes only the events whose event_type is in {@code eventTypes} (null: all). */
    public EveWriter select(java.util.Set<String> eventTypes) {
        this.types = eventTypes;
        return this;
    }

    /** True when events of this type are written. */
    public boolean selected(String eventType) {
        return types == null || types.contains(eventType);
    }

    /** The generator of the current event (a discarding one when its type is not selected). */
    public JsonGenerator json() {
        return gen;
    }

    /** The EVE timestamp of a capture time ({@link Timestamps#iso}). */
    public static String timestamp(long seconds, int nanos) {
        return Timestamps.iso(seconds, nanos);
    }

    /**
     * Starts an event of a flow; {@code dir} is the direction of the packet that triggered it
     * (to-server events are written client → server, as Suricata does).
     */
    public void begin(String eventType, Flow flow, int dir, long frame, long seconds, int nanos) {
        gen = selected(eventType) ? out : discard;
        try {
            gen.writeStartObject();
            gen.writeStringField("timestamp", timestamp(seconds, nanos));
            gen.writeNumberField("flow_id", flow.eveId());
            if (frame > 0) gen.writeNumberField("pcap_cnt", frame);
            gen.writeStringField("event_type", eventType);
            gen.writeStringField("src_ip", flow.srcAddress(dir));
            gen.writeNumberField("src_port", flow.srcPort(dir));
            gen.writeStringField("dest_ip", flow.dstAddress(dir));
            gen.writeNumberField("dest_port", flow.dstPort(dir));
            gen.writeStringField("proto", flow.protocol == 6 ? "TCP" : flow.protocol == 17 ? "UDP" : Integer.toString(flow.protocol));
            gen.writeStringField("pkt_src", "wire/pcap");
            gen.writeStringField("community_id", flow.communityId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts an event from explicit endpoints (detections, some of which span connections);
     * {@code flowId} is the EVE flow_id ({@link Flow#eveId}) or 0.
     */
    public void begin(String eventType, long flowId, long frame, long seconds, int nanos, String src, int srcPort,
                      String dst, int dstPort) {
        gen = selected(eventType) ? out : discard;
        try {
            gen.writeStartObject();
            gen.writeStringField("timestamp", timestamp(seconds, nanos));
            if (flowId > 0) gen.writeNumberField("flow_id", flowId);
            if (frame > 0) gen.writeNumberField("pcap_cnt", frame);
            gen.writeStringField("event_type", eventType);
            gen.writeStringField("src_ip", src);
            gen.writeNumberField("src_port", srcPort);
            gen.writeStringField("dest_ip", dst.isEmpty() ? "0.0.0.0" : dst);
            gen.writeNumberField("dest_port", dstPort);
            gen.writeStringField("proto", "TCP");
            gen.writeStringField("pkt_src", "wire/pcap");
            // a detection about one connection (a flow id and both ends known) names its flow
            String community = flowId > 0 ? FlowIds.communityId(src, srcPort, dst, dstPort, 6) : null;
            if (community != null) gen.writeStringField("community_id", community);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an event that belongs to no flow (stats). */
    public void beginGlobal(String eventType, long seconds, int nanos) {
        gen = selected(eventType) ? out : discard;
        try {
            gen.writeStartObject();
            gen.writeStringField("timestamp", timestamp(seconds, nanos));
            gen.writeStringField("event_type", eventType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void end() {
        try {
            gen.writeEndObject();
            if (gen == out) gen.writeRaw('\n');
            else discard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
