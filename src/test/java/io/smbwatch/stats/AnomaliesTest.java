package io.smbwatch.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomaliesTest {
    @Test
    void countsKeepsAndHandsOnEachAnomaly() {
        Anomalies a = new Anomalies();
        List<Anomalies.Anomaly> heard = new ArrayList<>();
        a.listen(heard::add);
        a.report(AnomalyKind.PCAP_TRUNCATED_RECORD, 3, 100, "cut");
        a.report(AnomalyKind.NBSS_DESYNC, new Anomalies.Where("flow", 1, 7, 10, 20), "lost");
        a.report(AnomalyKind.NBSS_DESYNC, 9, "again");
        assertEquals(3, a.total());
        assertEquals(2, a.count(AnomalyKind.NBSS_DESYNC));
        assertEquals(1, a.count(AnomalyKind.PCAP_TRUNCATED_RECORD));
        assertEquals(a.kept(), heard);
        assertEquals("frame 3: byte offset 100: pcap.truncated_record (cut)", heard.get(0).toString());
        assertEquals(7, heard.get(1).frame());
        assertEquals("flow", heard.get(1).where().flow());
    }

    @Test
    void addMergesCountsAndKeepsFrameOrderWithoutTellingTheListenerAgain() {
        Anomalies one = new Anomalies(), two = new Anomalies();
        List<Anomalies.Anomaly> heard = new ArrayList<>();
        one.report(AnomalyKind.SMB2_BAD_HEADER, 5, "x");
        two.report(AnomalyKind.SMB2_BAD_HEADER, 2, "y");
        one.listen(heard::add);
        one.add(two);
        assertEquals(2, one.count(AnomalyKind.SMB2_BAD_HEADER));
        assertEquals(List.of(2L, 5L), one.kept().stream().map(Anomalies.Anomaly::frame).toList());
        assertEquals(0, heard.size());
    }

    @Test
    void keepsOnlyTheFirstDetails() {
        Anomalies a = new Anomalies();
        for (int i = 0; i < a.keep() + 5; i++) a.report(AnomalyKind.SMB_NOT_SMB, i + 1, "");
        assertEquals(a.keep() + 5, a.total());
        assertEquals(a.keep(), a.kept().size());
        Anomalies few = new Anomalies(3);
        for (int i = 0; i < 10; i++) few.report(AnomalyKind.SMB_NOT_SMB, i + 1, "");
        assertEquals(10, few.total());
        assertEquals(3, few.kept().size(), "anomalies.kept set by the run");
    }
}
