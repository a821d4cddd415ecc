package io.smbwatch.proto.smb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb1.Smb1Records.Block;
import io.smbwatch.proto.smb1.Smb1Records.NtCreateRequest;
import io.smbwatch.proto.smb1.Smb1Records.TreeConnectRequest;
import io.smbwatch.proto.smb1.Smb1TransRecords.FindResponse;
import io.smbwatch.proto.smb1.Smb1TransRecords.TransRequest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Byte fixtures for the SMB1 parsers, mostly malformed: no exception, a reason instead. */
class Smb1ParserTest {
    private static final int UNICODE = 0xc001;

    @Test
    void wordCountPastTheMessageGivesNoBlock() {
        byte[] m = Smb1Bytes.header(0x04, false, 0, 0, 1, 1, 1).u8(3).u16(0x4000).build();
        assertNull(Smb1Parser.block(m, 0, m.length, 32));
        assertNull(Smb1Parser.block(m, 0, m.length, m.length));
        assertNull(Smb1Parser.block(m, 0, m.length, -5));
    }

    @Test
    void byteCountLargerThanTheMessageIsClippedAndFlagged() {
        byte[] m = Smb1Bytes.header(0x72, false, 0, 0, 0, 0, 1).u8(0).u16(5000).u8(2).ascii("NT LM 0.12").build();
        Block k = Smb1Parser.block(m, 0, m.length, 32);
        assertNotNull(k);
        assertTrue(k.bccTooLarge());
        assertEquals(m.length, k.bytesEnd());
        // an unterminated dialect at the end is read up to the end
        assertEquals("NT LM 0.12", Smb1Parser.parseNegotiateRequest(m, k).dialects().get(0));
    }

    @Test
    void passwordLengthLargerThanTheBytesIsReported() {
        Smb1Bytes s = Smb1Bytes.header(0x75, false, UNICODE, 0, 0xffff, 1, 1);
        s.u8(4).u8(0xff).u8(0).u16(0).u16(0).u16(400);   // AndX none, flags, PasswordLength 400
        s.u16(3).zeros(3);
        byte[] m = s.build();
        TreeConnectRequest r = Smb1Parser.parseTreeConnectRequest(m, Smb1Parser.block(m, 0, m.length, 32), true);
        assertNotNull(r);
        assertNotNull(r.malformed());
    }

    @Test
    void unpairedSurrogateIsReplacedAndReported() {
        Smb1Bytes s = Smb1Bytes.header(0xa2, false, UNICODE, 0, 1, 1, 1);
        s.u8(24).u8(0xff).u8(0).u16(0).u8(0).u16(6).zeros(48 - 7);
        s.u16(7);                       // ByteCount: pad + 3 units
        s.u8(0);                        // pad: 32 + 1 + 48 + 2 = 83 is odd
        s.u16('a').u16(0xd800).u16('b');
        byte[] m = s.build();
        NtCreateRequest r = Smb1Parser.parseNtCreateRequest(m, Smb1Parser.block(m, 0, m.length, 32), true);
        assertEquals("a\ufffdb", r.name());
        assertTrue(r.malformed().contains("UTF-16"), r.malformed());
    }

    @Test
    void nameLengthLargerThanTheBytesIsReported() {
        Smb1Bytes s = Smb1Bytes.header(0xa2, false, UNICODE, 0, 1, 1, 1);
        s.u8(24).u8(0xff).u8(0).u16(0).u8(0).u16(0xfff0).zeros(48 - 7);
        s.u16(5).u8(0).u16('x').u16(0);
        byte[] m = s.build();
        NtCreateRequest r = Smb1Parser.parseNtCreateRequest(m, Smb1Parser.block(m, 0, m.length, 32), true);
        assertEquals("x", r.name());
        assertNotNull(r.malformed());
    }

    @Test
    void transParameterOffsetOutsideTheMessageIsReported() {
        Smb1Bytes s = Smb1Bytes.header(0x32, false, UNICODE, 0, 1, 1, 1);
        s.u8(15).u16(12).u16(0).u16(10).u16(100).u8(0).u8(0).u16(0).u32(0).u16(0);
        s.u16(12).u16(60000).u16(0).u16(0).u8(1).u8(0).u16(1);   // ParameterOffset 60000
        s.u16(0);
        byte[] m = s.build();
        TransRequest t = Smb1TransParser.parseRequest(Smb1Commands.TRANSACTION2, m, Smb1Parser.block(m, 0, m.length, 32), true);
        assertNotNull(t);
        assertEquals(0, t.paramCount());
        assertNotNull(t.malformed());
        assertEquals(1, t.setup(0));
    }

    @Test
    void setupCountLargerThanWordCountGivesNoRecord() {
        Smb1Bytes s = Smb1Bytes.header(0x25, false, 0, 0, 1, 1, 1);
        s.u8(14).zeros(26).u8(5).u8(0).u16(0);
        byte[] m = s.build();
        assertNull(Smb1TransParser.parseRequest(Smb1Commands.TRANSACTION, m, Smb1Parser.block(m, 0, m.length, 32), false));
    }

    @Test
    void findEntriesWithBadOffsetsAndCountsStop() {
        // SearchCount 1000 but one entry whose FileNameLength points past the data
        byte[] data = new byte[120];
        data[60] = (byte) 0xff;
        data[61] = (byte) 0xff;
        byte[] params = {1, 0, (byte) 0xe8, 3, 0, 0, 0, 0, 0, 0};
        byte[] m = new byte[params.length + data.length];
        System.arraycopy(params, 0, m, 0, params.length);
        System.arraycopy(data, 0, m, params.length, data.length);
        FindResponse f = Smb1TransParser.parseFindResponse(true, 0x104, 0, m, 0, 0, params.length, params.length,
                data.length, true);
        assertEquals(1000, f.searchCount());
        assertNotNull(f.malformed());
        // an entry pointing to itself (NextEntryOffset 0) ends the list
        byte[] one = new byte[params.length + 100];
        System.arraycopy(params, 0, one, 0, params.length);
        FindResponse g = Smb1TransParser.parseFindResponse(true, 0x104, 0, one, 0, 0, params.length, params.length,
                100, true);
        assertEquals(1, g.names().size());
    }

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(42);
        for (int round = 0; round < 20000; round++) {
            byte[] m = new byte[33 + rnd.nextInt(200)];
            rnd.nextBytes(m);
            m[32] = (byte) rnd.nextInt(30);
            Block k = Smb1Parser.block(m, 0, m.length, 32);
            if (k == null) continue;
            boolean uni = rnd.nextBoolean();
            Smb1Parser.parseNegotiateRequest(m, k);
            Smb1Parser.parseNegotiateResponse(m, k, uni);
            Smb1Parser.parseSessionSetupRequest(m, k, uni);
            Smb1Parser.parseSessionSetupResponse(m, k, uni);
            Smb1Parser.parseTreeConnectRequest(m, k, uni);
            Smb1Parser.parseTreeConnectResponse(m, k, uni);
            Smb1Parser.parseNtCreateRequest(m, k, uni);
            Smb1Parser.parseNtCreateResponse(m, k);
            Smb1Parser.parseOpenRequest(m, k, uni);
            Smb1Parser.parseOpenResponse(m, k);
            Smb1Parser.parseReadRequest(m, k);
            Smb1Parser.parseReadResponse(m, k);
            Smb1Parser.parseWriteRequest(m, k);
            Smb1Parser.parseWriteResponse(m, k);
            Smb1Parser.parsePathRequest(m, k, uni);
            for (int cmd : new int[] {0x25, 0x32, 0xa0}) {
                TransRequest t = Smb1TransParser.parseRequest(cmd, m, k, uni);
                if (t != null) {
                    if (cmd == 0xa0) Smb1TransParser.parseNtTransRequest(t, m, 0, uni);
                    for (int sub = 0; sub < 0x12; sub++) {
                        Smb1TransParser.parseTrans2Request(sub, m, 0, t.paramOffset(), t.paramCount(), uni);
                    }
                    for (int level : new int[] {1, 2, 0x101, 0x102, 0x103, 0x104, 0x105, 0x106}) {
                        Smb1TransParser.parseFindResponse(true, level, 4, m, 0, t.paramOffset(), t.paramCount(),
                                t.dataOffset(), t.dataCount(), uni);
                    }
                }
                Smb1TransParser.parseResponse(cmd, m, k);
                Smb1TransParser.parseSecondary(cmd + 1, m, k);
            }
        }
    }
}
