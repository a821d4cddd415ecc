package io.smbwatch.detect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.detect.rule.Element;
import io.smbwatch.detect.rule.RuleException;
import io.smbwatch.detect.rule.RuleParser;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Asn1CheckTest {
    static Element.Asn1 kw(String s) throws RuleException {
        return RuleParser.asn1(s);
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void parsesEtOptions() throws Exception {
        Element.Asn1 a = kw("double_overflow, bitstring_overflow, relative_offset 54, oversize_length 2048");
        assertTrue(a.bitstringOverflow());
        assertTrue(a.doubleOverflow());
        assertEquals(2048, a.oversize());
        assertEquals(54, a.relativeOffset());
        assertEquals(-1, kw("oversize_length 1024,relative_offset -1").relativeOffset());
        assertThrows(RuleException.class, () -> kw("absolute_offset 1, relative_offset 2, bitstring_overflow"));
        assertThrows(RuleException.class, () -> kw("frobnicate"));
        assertThrows(RuleException.class, () -> kw("oversize_length x"));
    }

    @Test
    void oversizeLength() throws Exception {
        byte[] big = concat(bytes(0x04, 0x82, 0x08, 0x01), new byte[0x801]);      // OCTET STRING of 2049 bytes
        assertTrue(Asn1Check.matches(kw("oversize_length 2048"), big, 0, big.length));
        assertFalse(Asn1Check.matches(kw("oversize_length 2049"), big, 0, big.length));
        // nested in a SEQUENCE
        byte[] seq = concat(bytes(0x30, 0x82, 0x08, 0x05), big);
        assertTrue(Asn1Check.matches(kw("oversize_length 4096, bitstring_overflow"), concat(bytes(0x30, 0x06, 0x03, 0x02, 0xff, 0x00, 0x05, 0x00), new byte[0]), 0, 8));
        assertTrue(Asn1Check.matches(kw("oversize_length 2048"), seq, 0, seq.length));
        // a length past the data does not decode: no match (as Suricata)
        byte[] cut = Arrays.copyOf(big, 100);
        assertFalse(Asn1Check.matches(kw("oversize_length 10"), cut, 0, cut.length));
    }

    @Test
    void bitstringAndDouble() throws Exception {
        assertTrue(Asn1Check.matches(kw("bitstring_overflow"), bytes(0x03, 0x02, 0xff, 0x00), 0, 4));
        assertFalse(Asn1Check.matches(kw("bitstring_overflow"), bytes(0x03, 0x02, 0x07, 0x00), 0, 4));
        byte[] real = concat(bytes(0x09, 0x82, 0x01, 0x01), new byte[0x101]);
        assertTrue(Asn1Check.matches(kw("double_overflow"), real, 0, real.length));
        real[4] = (byte) 0x80;                                                   // binary encoding
        assertFalse(Asn1Check.matches(kw("double_overflow"), real, 0, real.length));
        assertFalse(Asn1Check.matches(kw("double_overflow, bitstring_overflow"), bytes(0x04, 0x02, 0x41, 0x41), 0, 4));
    }

    @Test
    void hostileInputEnds() throws Exception {
        Element.Asn1 a = kw("double_overflow, bitstring_overflow, oversize_length 2048");
        Random r = new Random(5);
        byte[] b = new byte[4096];
        for (int i = 0; i < 20000; i++) {
            r.nextBytes(b);
            int len = r.nextInt(b.length);
            Asn1Check.matches(a, b, 0, len);
        }
        byte[] deep = new byte[4000];                                            // 2000 nested indefinite SEQUENCEs
        for (int i = 0; i < 2000; i++) {
            deep[2 * i] = 0x30;
            deep[2 * i + 1] = (byte) 0x80;
        }
        assertFalse(Asn1Check.matches(a, deep, 0, deep.length));
    }
}
