package io.smbwatch.tools;

import io.smbwatch.capture.PcapWriter;
import io.smbwatch.packet.FrameBuilder;
import io.smbwatch.packet.LinkType;
import io.smbwatch.packet.Packet;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Soak traffic on standard output: over DAYS simulated days, one SMB2 connection that never ends
 * (a 64 KiB Write every few seconds) interleaved with many short connections (connect, create a
 * .dll, write, close), about SHORT per simulated hour, each from a new client port and address.
 * For docs/ROBUSTNESS.md: {@code java -cp target/classes:target/test-classes io.smbwatch.tools.Soak 3 2000 | smbwatch read -q -}
 */
public final class Soak {
    public static void main(String[] args) throws IOException {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int perHour = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        OutputStream out = new BufferedOutputStream(System.out, 1 << 20);
        PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, false);
        long t0 = 1_700_000_000L;
        String server = "10.2.0.1";
        long[] longSeq = {1, 1};
        LongFlow.emit(w, FrameBuilder.tcp("10.2.0.2", 50000, server, 445).seq(0).flags(Packet.TCP_SYN), t0, 0);
        LongFlow.emit(w, FrameBuilder.tcp(server, 445, "10.2.0.2", 50000).seq(0).ack(1).flags(Packet.TCP_SYN | Packet.TCP_ACK), t0, 0);
        byte[] data = new byte[65536];
        byte[] small = new byte[4096];
        small[0] = 'M';
        small[1] = 'Z';
        long id = 0;
        int shortFlows = 0;
        for (int hour = 0; hour < days * 24; hour++) {
            for (int k = 0; k < perHour; k++) {
                long t = t0 + hour * 3600L + k * 3600L / perHour;
                // the long connection: one write
                LongFlow.send(w, "10.2.0.2", server, true, longSeq, LongFlow.write(++id, 1, id * 65536, data), t);
                LongFlow.send(w, server, "10.2.0.2", false, longSeq, LongFlow.writeResponse(id), t);
                // a short connection from a new client
                shortFlows++;
                String client = "10.3." + ((shortFlows >>> 8) & 0xff) + "." + (shortFlows & 0xff);
                int port = 1024 + (shortFlows % 60000);
                long[] seq = {1, 1};
                LongFlow.emit(w, FrameBuilder.tcp(client, port, server, 445).seq(0).flags(Packet.TCP_SYN), t, 0);
                LongFlow.emit(w, FrameBuilder.tcp(server, 445, client, port).seq(0).ack(1).flags(Packet.TCP_SYN | Packet.TCP_ACK), t, 0);
                LongFlow.send(w, client, server, port, true, seq, LongFlow.create(1, "drop" + shortFlows + ".dll"), t);
                LongFlow.send(w, server, client, port, false, seq, LongFlow.createResponse(1, shortFlows), t);
                LongFlow.send(w, client, server, port, true, seq, LongFlow.write(2, shortFlows, 0, small), t);
                LongFlow.send(w, server, client, port, false, seq, LongFlow.writeResponse(2), t);
                LongFlow.emit(w, FrameBuilder.tcp(client, port, server, 445).seq(seq[0]).ack(seq[1]).flags(Packet.TCP_FIN | Packet.TCP_ACK), t, 0);
                LongFlow.emit(w, FrameBuilder.tcp(server, 445, client, port).seq(seq[1]).ack(seq[0] + 1).flags(Packet.TCP_FIN | Packet.TCP_ACK), t, 0);
            }
        }
        out.flush();
    }
}
