package io.smbwatch.proto.smb1;

import java.util.List;

/**
 * Parsed SMB1 transactions (MS-CIFS §2.2.4.33 Transaction, §2.2.4.46 Transaction2, §2.2.4.62 NT
 * Transact, their secondaries, and the Trans2 / NT Transact subcommand parameters of §2.2.6 and
 * §2.2.7). Parameter and data positions are absolute offsets into the buffer, already checked
 * against the message (a bad one is reported in {@code malformed} and given as count 0).
 */
public final class Smb1TransRecords {
    private Smb1TransRecords() {}

    /** A Transaction, Transaction2 or NT Transact request (primary). {@code function} is NT Transact's. */
    public record TransRequest(int command, String name, int[] setup, int function, long totalParamCount,
                               long totalDataCount, int paramOffset, int paramCount, int dataOffset,
                               int dataCount, String malformed) {
        public int setup(int i) {
            return i < setup.length ? setup[i] : -1;
        }
    }

    /** A Transaction, Transaction2 or NT Transact response. */
    public record TransResponse(int command, int[] setup, long totalParamCount, long totalDataCount,
                                int paramOffset, int paramCount, long paramDisplacement, int dataOffset,
                                int dataCount, long dataDisplacement, String malformed) {}

    /** A Transaction, Transaction2 (with its FID, else -1) or NT Transact secondary request. */
    public record TransSecondary(int command, long totalParamCount, long totalDataCount, int paramOffset,
                                 int paramCount, long paramDisplacement, int dataOffset, int dataCount,
                                 long dataDisplacement, int fid, String malformed) {}

    /**
     * The parameters of a Trans2 request (§2.2.6): information level, FID (-1 if none), and the
     * name it carries: FIND_FIRST2 pattern, FIND_NEXT2 resume name, QUERY/SET_PATH_INFO and OPEN2
     * path, CREATE_DIRECTORY name, GET_DFS_REFERRAL file name (null if none).
     */
    public record Trans2Request(int subcommand, int level, int fid, String name, int searchAttributes,
                                int searchCount, int flags, int sid, String malformed) {}

    /** FIND_FIRST2 / FIND_NEXT2 response (§2.2.6.2.2, §2.2.6.3.2) with the file names of its entries. */
    public record FindResponse(int sid, int searchCount, boolean endOfSearch, List<String> names, String malformed) {}

    /** NT Transact parameters and setup (§2.2.7): FID (-1 if none) and the name for CREATE / RENAME. */
    public record NtTransRequest(int function, int fid, String name, int ctlCode, String malformed) {}
}
