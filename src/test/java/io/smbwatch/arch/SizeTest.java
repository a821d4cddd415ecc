package io.smbwatch.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size rule of the project: no hand-written class under src/main over 600 lines, no method or
 * constructor over 80 (from the line of its name to its closing brace). Sources are read with
 * comments, strings and character literals blanked, so braces in them do not count.
 */
class SizeTest {
    static final int CLASS_LINES = 600, METHOD_LINES = 80;
    /** Generated tables, with the script that writes each (its header says so, checked below). */
    static final Map<String, String> GENERATED = Map.of(
            "io/smbwatch/proto/smb/WiresharkTables.java", "scripts/gen-tables.py",
            "io/smbwatch/proto/dcerpc/DcerpcInterfaceTable.java", "scripts/gen-dcerpc-tables.py");
    private static final Path MAIN = Path.of("src/main/java");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "try", "return", "new", "record", "throw", "else", "do", "assert");
    private static final Pattern HEADER = Pattern.compile("(?:[\\w<>\\[\\],.?&\\s]+\\s)?(\\w+)\\s*\\([^()]*\\)\\s*(?:throws\\s[\\w.,\\s]+)?");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(?:\\s*\\([^()]*\\))?");
    private static final Pattern DECLARES_TYPE = Pattern.compile("\\b(?:class|enum|record|interface)\\b");
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|enum|record|interface)\\s+(\\w+)");

    /** One method or constructor: its name, first and last line. */
    record Method(String name, int first, int last) {
        int lines() {
            return last - first + 1;
        }
    }

    @Test
    void noHandWrittenClassOrMethodIsTooLong() throws IOException {
        List<String> over = new ArrayList<>();
        int methods = 0;
        for (Path p : sources()) {
            String rel = MAIN.relativize(p).toString().replace('\\', '/');
            if (GENERATED.containsKey(rel)) continue;
            String src = Files.readString(p);
            int lines = (int) src.lines().count();
            if (lines > CLASS_LINES) over.add(rel + ": " + lines + " lines (most " + CLASS_LINES + ")");
            for (Method m : methods(src)) {
                methods++;
                if (m.lines() > METHOD_LINES) over.add(rel + ":" + m.first() + " " + m.name() + ": " + m.lines() + " lines (most " + METHOD_LINES + ")");
            }
        }
        assertTrue(methods > 1000, "the scanner finds the methods of src/main: " + methods);
        assertTrue(over.isEmpty(), String.join("\n", over));
    }

    @Test
    void theExcludedFilesAreTheGeneratedOnes() throws IOException {
        for (Map.Entry<String, String> e : GENERATED.entrySet()) {
            String head = Files.readString(MAIN.resolve(e.getKey())).lines().limit(3).reduce("", String::concat);
            assertTrue(head.contains("enerated") && head.contains(e.getValue()), e.getKey() + " starts: " + head);
            assertTrue(Files.exists(Path.of(e.getValue())), e.getValue());
        }
    }

    @Test
    void theScannerMeasuresMethodsNotBlocksOrStrings() {
        String src = String.join("\n",
                "class A {",                                  // 1
                "    enum E { X(\"}\") { void f() {} }; E(String s) {} }",
                "    A(int x) {",                             // 3
                "        if (x > 0) { x--; }",
                "        Runnable r = () -> { x++; };",
                "        String s = \"{{{\"; char c = '{';",
                "        // }",
                "        /* } */",
                "    }",                                      // 9
                "    @Override",
                "    public <T> java.util.List<T> list(@Deprecated(since = \"1\") int n) throws java.io.IOException {",
                "        return new java.util.ArrayList<>() {",
                "            public int size() {",          // 13
                "                return 0;",
                "            }",                              // 15
                "        };",
                "    }",                                      // 17
                "    String t = \"\"\"",
                "        }",
                "        \"\"\";",
                "}");
        List<Method> m = methods(src);
        assertEquals(List.of(new Method("f", 2, 2), new Method("E", 2, 2), new Method("A", 3, 9),
                new Method("size", 13, 15), new Method("list", 11, 17)), m);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The methods and constructors of a source file, in the order their bodies close. */
    static List<Method> methods(String source) {
        String code = blank(source);
        Set<String> types = new HashSet<>();
        Matcher t = TYPE.matcher(code);
        while (t.find()) types.add(t.group(1));
        List<Method> out = new ArrayList<>();
        Deque<Method> open = new ArrayDeque<>();      // a null-named entry for a block that is no method
        int headerStart = 0, line = 1;
        int[] lineAt = new int[code.length() + 1];
        for (int i = 0; i < code.length(); i++) {
            lineAt[i] = line;
            if (code.charAt(i) == '\n') line++;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                String name = methodName(code.substring(headerStart, i), types);
                int first = lineAt[headerStart + nameAt(code.substring(headerStart, i), name)];
                open.push(new Method(name, first, 0));
                headerStart = i + 1;
            } else if (c == '}') {
                Method m = open.isEmpty() ? null : open.pop();
                if (m != null && m.name() != null) out.add(new Method(m.name(), m.first(), lineAt[i]));
                headerStart = i + 1;
            } else if (c == ';') {
                headerStart = i + 1;
            }
        }
        return out;
    }

    /** The name when the text before a brace declares a method or constructor, else null. */
    private static String methodName(String header, Set<String> types) {
        String h = ANNOTATION.matcher(header).replaceAll(" ").replaceAll("\\s+", " ").trim();
        if (h.contains("->") || h.contains("=") || h.contains("new ") || DECLARES_TYPE.matcher(h).find()) return null;
        Matcher m = HEADER.matcher(h);
        if (!m.matches()) return null;
        String name = m.group(1);
        if (NOT_METHODS.contains(name)) return null;
        boolean bare = m.start(1) == 0;               // no type or modifier before the name: a constructor, or an enum constant
        return bare && !types.contains(name) ? null : name;
    }

    /** Where the declaration starts in its header: at its name (annotations above it are not counted). */
    private static int nameAt(String header, String name) {
        if (name == null) return 0;
        Matcher m = Pattern.compile("\\b" + name + "\\s*\\(").matcher(header);
        return m.find() ? m.start() : 0;
    }

    /** The source with comments, string, text-block and character literals replaced by spaces (newlines kept). */
    static String blank(String s) {
        StringBuilder b = new StringBuilder(s);
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int from, to, next;                        // blank [from, to), go on at next
            if (s.startsWith("//", i)) {
                from = i;
                to = next = s.indexOf('\n', i) < 0 ? n : s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                from = i;
                int e = s.indexOf("*/", i + 2);
                to = next = e < 0 ? n : e + 2;
            } else if (s.startsWith("\"\"\"", i)) {        // a text block: its quotes stay, its contents go
                from = i + 3;
                int e = s.indexOf("\"\"\"", from);
                to = e < 0 ? n : e;
                next = Math.min(n, to + 3);
            } else if (c == '"' || c == '\'') {
                from = i + 1;
                int e = from;
                while (e < n && s.charAt(e) != c && s.charAt(e) != '\n') e += s.charAt(e) == '\\' ? 2 : 1;
                to = Math.min(e, n);
                next = Math.min(n, to + 1);
            } else {
                i++;
                continue;
            }
            for (int k = from; k < to; k++) if (b.charAt(k) != '\n') b.setCharAt(k, ' ');
            i = next;
        }
        return b.toString();
    }
}
