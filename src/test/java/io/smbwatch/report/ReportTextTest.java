package io.smbwatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The text report on a terminal: names from a capture cannot drive it. */
class ReportTextTest {
    /** ESC (a colour change), CR LF (a forged line), BEL, BS, NUL, DEL and a right-to-left override. */
    static final String CTRL = "\u001b[31mred\r\n== 6.6.6.6  (severity 1)\u0007\b\u0000\u007f\u202e";

    @Test
    void controlCharactersAreWrittenAsTsharkDoes() {
        assertEquals("\\033[31mred\\r\\n== 6.6.6.6  (severity 1)\\a\\b\\000\\177\\u202e", Text.esc(CTRL));
        assertEquals("\\\\srv\\c$\\a.exe", Text.esc("\\\\srv\\c$\\a.exe"), "backslashes of paths stay as they are");
        assertEquals("caf\u00e9 \u65e5\u672c", Text.esc("caf\u00e9 \u65e5\u672c"), "printable Unicode stays");
    }

    @Test
    void everyNameInTheTextReportIsEscaped() {
        ReportBuilder r = HtmlReportTest.build(CTRL);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportWriter.text(r, List.of("x" + CTRL + ".pcap"), new PrintStream(b, true, StandardCharsets.UTF_8));
        String out = b.toString(StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("[\\x00-\\x09\\x0b-\\x1f\\x7f\\u202e]").matcher(out).find(), out);
        assertFalse(out.contains("\n== 6.6.6.6"), "no forged section line");
        // the capture name, source, incident story, account, file and timeline each carry it
        assertTrue(count(out, "\\033[31mred\\r\\n") >= 6, out);
    }

    @Test
    void htmlShowsControlCharactersAsTheTextDoes() throws Exception {
        String html = HtmlReportTest.page(HtmlReportTest.build(CTRL), List.of("a.pcap"));
        String body = html.substring(0, html.indexOf("<script type=\"application/json\""));
        assertFalse(Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f\\u202e]").matcher(body).find());
        assertTrue(body.contains("\\033[31mred\\r\\n== 6.6.6.6  (severity 1)\\a\\b\\000"), "shown, escaped");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
