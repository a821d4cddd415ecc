package io.smbwatch.files;

import java.nio.charset.StandardCharsets;

/**
 * A file's type from its first bytes (its "magic"), the way file(1) names the common kinds an
 * analyst looks for in SMB transfers: executables, documents, archives, scripts.
 */
public final class MagicType {
    private MagicType() {}

    /** How many leading bytes {@link #of} looks at. */
    public static final int HEAD = 4096;

    public static String of(byte[] b, int len) {
        if (len == 0) return "empty";
        if (starts(b, len, 'M', 'Z')) return pe(b, len);
        if (starts(b, len, 0x7f, 'E', 'L', 'F')) return "ELF executable";
        if (starts(b, len, '%', 'P', 'D', 'F', '-')) return "PDF document";
        if (starts(b, len, 'P', 'K', 3, 4)) {
            String head = new String(b, 0, len, StandardCharsets.ISO_8859_1);
            if (head.contains("[Content_Types].xml") || head.contains("word/") || head.contains("xl/") || head.contains("ppt/")) {
                return "Microsoft Office Open XML document (ZIP)";
            }
            return "ZIP archive";
        }
        if (starts(b, len, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "Microsoft OLE2 compound document (Office 97-2003, MSI)";
        if (starts(b, len, 'M', 'S', 'C', 'F')) return "Microsoft Cabinet archive";
        if (starts(b, len, 0x1f, 0x8b)) return "gzip compressed data";
        if (starts(b, len, 'R', 'a', 'r', '!')) return "RAR archive";
        if (starts(b, len, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) return "7-zip archive";
        if (starts(b, len, 0x89, 'P', 'N', 'G')) return "PNG image";
        if (starts(b, len, 'G', 'I', 'F', '8')) return "GIF image";
        if (starts(b, len, 0xff, 0xd8, 0xff)) return "JPEG image";
        if (starts(b, len, '{', '\\', 'r', 't', 'f')) return "Rich Text Format document";
        if (starts(b, len, 'X', '5', 'O', '!', 'P', '%', '@', 'A', 'P')) return "EICAR test file";
        if (starts(b, len, 'L', 0, 0, 0, 1, 0x14, 2, 0)) return "Windows shortcut (LNK)";
        if (!text(b, len)) return "data";
        String head = new String(b, 0, Math.min(len, 512), StandardCharsets.UTF_8).stripLeading();
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        if (head.startsWith("#!")) return "script text (" + head.substring(2, Math.min(head.length(), head.indexOf('\n') < 0 ? head.length() : head.indexOf('\n'))).trim() + ")";
        if (lower.startsWith("<?xml")) return "XML text";
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) return "HTML text";
        if (lower.startsWith("@echo") || lower.contains("\n@echo") || lower.startsWith("rem ")) return "script text (batch)";
        if (lower.contains("powershell") || lower.contains("invoke-") || lower.contains("$env:") || lower.contains("param(")) return "script text (PowerShell)";
        if (lower.contains("createobject(") || lower.contains("wscript.")) return "script text (VBScript)";
        return "text";
    }

    /** MZ: a PE image when e_lfanew points at "PE\0\0" (DLL when IMAGE_FILE_DLL is set), else MS-DOS. */
    private static String pe(byte[] b, int len) {
        if (len >= 0x40) {
            int lfanew = (b[0x3c] & 0xff) | (b[0x3d] & 0xff) << 8 | (b[0x3e] & 0xff) << 16 | (b[0x3f] & 0xff) << 24;
            if (lfanew > 0 && lfanew + 24 <= len && b[lfanew] == 'P' && b[lfanew + 1] == 'E' && b[lfanew + 2] == 0 && b[lfanew + 3] == 0) {
                int characteristics = (b[lfanew + 22] & 0xff) | (b[lfanew + 23] & 0xff) << 8;
                int magic = lfanew + 26 <= len ? (b[lfanew + 24] & 0xff) | (b[lfanew + 25] & 0xff) << 8 : 0;
                String bits = magic == 0x20b ? "PE32+" : "PE32";
                return bits + ((characteristics & 0x2000) != 0 ? " executable (DLL)" : " executable");
            }
            if (lfanew > 0 && lfanew + 4 > len) return "MS-DOS/PE executable (MZ)";
        }
        return "MS-DOS executable (MZ)";
    }

    private static boolean starts(byte[] b, int len, int... magic) {
        if (len < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if ((b[i] & 0xff) != magic[i]) return false;
        return true;
    }

    /** Printable ASCII, whitespace or UTF-8 multibyte sequences only. */
    private static boolean text(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            int c = b[i] & 0xff;
            if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0c && c != 0x1b) || c == 0x7f) return false;
        }
        return true;
    }
}
