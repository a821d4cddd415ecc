#!/usr/bin/env python3
"""Generate src/main/java/io/smbwatch/proto/smb/WiresharkTables.java.

Every display string in the generated file comes from the installed tshark, so
smbwatch prints SMB names exactly as that tshark does:

  * value-string tables: `tshark -G values` (V lines for the fields below);
  * SMB1 DOS error texts (ERRDOS/ERRSRV/ERRHRD): tshark registers no value
    string for smb.error_code, so this script writes a small capture holding one
    SMB1 Echo response per (class, code) pair for every code 0..0xFFFF, lets
    tshark dissect it and reads the text it puts after "Error: " in the Info
    column.  Codes tshark reports as "Unknown ... error" are left out.

Usage (from the repository root; needs tshark and python3 only):

    python3 scripts/gen-tables.py            # rewrite the Java file
    python3 scripts/gen-tables.py --check    # exit 1 if the file is stale
"""
import os
import struct
import subprocess
import sys
import tempfile

OUT = "src/main/java/io/smbwatch/proto/smb/WiresharkTables.java"

# (Java method name, tshark field, comment).  Order here is output order.
FIELDS = [
    ("ntStatus", "smb.nt_status", "NT status codes (smb.nt_status; smb2.nt_status is the same table)"),
    ("smb1Commands", "smb.cmd", "SMB1 command codes (smb.cmd)"),
    ("smb2Commands", "smb2.cmd", "SMB2 command codes (smb2.cmd)"),
    ("trans2Subcommands", "smb.trans2.cmd", "SMB1 TRANSACTION2 subcommands (smb.trans2.cmd)"),
    ("ntTransactSubcommands", "smb.nt.function", "SMB1 NT_TRANSACT subcommands (smb.nt.function)"),
    ("pipeFunctions", "smb_pipe.function", "SMB1 TRANSACTION named pipe functions (smb_pipe.function)"),
    ("mailslotOpcodes", "mailslot.opcode", "SMB1 TRANSACTION mailslot opcodes (mailslot.opcode)"),
    ("errorClasses", "smb.error_class", "SMB1 DOS error classes (smb.error_class)"),
    ("smb1FindLevels", "smb.ff2_loi", "TRANS2 FIND_FIRST2/FIND_NEXT2 information levels (smb.ff2_loi)"),
    ("smb1QueryInfoLevels", "smb.qpi_loi", "TRANS2 QUERY_PATH_INFO/QUERY_FILE_INFO levels (smb.qpi_loi)"),
    ("smb1SetInfoLevels", "smb.spi_loi", "TRANS2 SET_PATH_INFO/SET_FILE_INFO levels (smb.spi_loi)"),
    ("smb1QueryFsLevels", "smb.qfsi_loi", "TRANS2 QUERY_FS_INFO levels (smb.qfsi_loi)"),
    ("smb1SetFsLevels", "smb.sfsi_loi", "TRANS2 SET_FS_INFO levels (smb.sfsi_loi)"),
    ("smb2InfoTypes", "smb2.class", "SMB2 QUERY_INFO/SET_INFO InfoType (smb2.class)"),
    ("smb2FileInfoLevels", "smb2.file_info.infolevel", "SMB2 FILE_INFO classes (smb2.file_info.infolevel)"),
    ("smb2FsInfoLevels", "smb2.fs_info.infolevel", "SMB2 FS_INFO classes (smb2.fs_info.infolevel)"),
    ("smb2SecInfoLevels", "smb2.sec_info.infolevel", "SMB2 SEC_INFO levels (smb2.sec_info.infolevel)"),
    ("smb2FindLevels", "smb2.find.infolevel", "SMB2 QUERY_DIRECTORY classes (smb2.find.infolevel)"),
    ("fsctlCodes", "smb2.ioctl.function", "FSCTL/IOCTL control codes (smb2.ioctl.function)"),
    ("ioctlDevices", "smb2.ioctl.function.device", "IOCTL device types, CtlCode bits 16-31 (smb2.ioctl.function.device)"),
    ("smb2Dialects", "smb2.dialect", "SMB2 dialect revisions (smb2.dialect)"),
    ("ntlmsspMessageTypes", "ntlmssp.messagetype", "NTLMSSP MessageType (ntlmssp.messagetype)"),
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, **kw).stdout


def tshark_version():
    return run(["tshark", "--version"]).decode().splitlines()[0].strip().rstrip(".")


def value_strings():
    """field -> {code: name} from `tshark -G values`."""
    wanted = {f for _, f, _ in FIELDS}
    tables = {f: {} for f in wanted}
    for line in run(["tshark", "-G", "values"]).decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or parts[0] != "V" or parts[1] not in wanted:
            continue
        code, name = int(parts[2], 0), parts[3]
        old = tables[parts[1]].get(code)
        if old is not None and old != name:
            sys.exit(f"conflicting names for {parts[1]} {code:#x}: {old!r} / {name!r}")
        tables[parts[1]][code] = name
    for f, t in tables.items():
        if not t:
            sys.exit(f"tshark -G values has no table for {f}")
    return tables


# --- DOS error probe -------------------------------------------------------

def _csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def _echo_response(err_class, code):
    # SMB1 header with a DOS status (FLAGS2 bit 0x4000 clear), Echo response, WordCount 0.
    status = struct.pack("<BBH", err_class, 0, code)
    hdr = b"\xffSMB" + bytes([0x2B]) + status + struct.pack(
        "<BHH8sHHHHH", 0x98, 0x8001, 0, b"\0" * 8, 0, 1, 0xFEFF, 0x800, code)
    return hdr + b"\0" + b"\0\0"


def dos_errors():
    """(class, code) -> text tshark prints after 'Error: '."""
    frames = []
    for cls in (1, 2, 3):
        seq = 1
        for code in range(0x10000):
            smb = _echo_response(cls, code)
            payload = struct.pack("!I", len(smb)) + smb
            tcp = struct.pack("!HHIIBBHHH", 445, 40000 + cls, seq, 1, 5 << 4, 0x18, 65535, 0, 0)
            seq += len(payload)
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + len(payload), 1, 0x4000, 64, 6, 0,
                             b"\x0a\0\0\x02", b"\x0a\0\0\x01")
            ip = ip[:10] + struct.pack("!H", _csum(ip)) + ip[12:]
            frames.append(b"\0\1\2\3\4\5\0\1\2\3\4\6\x08\x00" + ip + tcp + payload)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "dos-errors.pcap")
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for i, fr in enumerate(frames):
                f.write(struct.pack("<IIII", 1000 + i, 0, len(fr), len(fr)) + fr)
        out = run(["tshark", "-r", path, "-o", "tcp.analyze_sequence_numbers:FALSE",
                   "-T", "fields", "-e", "smb.error_class", "-e", "smb.error_code", "-e", "_ws.col.Info"])
    result = {}
    lines = out.decode("utf-8", "replace").splitlines()
    if len(lines) != len(frames):
        sys.exit(f"DOS error probe: expected {len(frames)} lines from tshark, got {len(lines)}")
    for line in lines:
        cls, code, info = line.split("\t")
        prefix = "Echo Response, Error: "
        if not info.startswith(prefix):
            sys.exit(f"DOS error probe: unexpected Info {info!r}")
        text = info[len(prefix):]
        if text.startswith("Unknown ") and text.endswith(")") and " error (" in text:
            continue
        result[(int(cls, 0), int(code, 0))] = text
    if result.get((2, 0x5B)) != "Bad userid":
        sys.exit("DOS error probe: sanity check failed for ERRSRV/ERRbaduid")
    return result


# --- Java output -------------------------------------------------------------

def jstr(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            out.append("\\u%04x" % ord(ch))
    return '"' + "".join(out) + '"'


def signed32(v):
    return v - (1 << 32) if v >= 1 << 31 else v


def method(name, comment, entries):
    lines = [f"    /** {comment}: {len(entries)} entries. */",
             f"    static void {name}(Sink s) {{"]
    for code, text in sorted(entries, key=lambda e: signed32(e[0])):
        width = 2 if code < 0x100 else 4 if code < 0x10000 else 8
        lines.append(f"        s.put(0x{code:0{width}X}, {jstr(text)});")
    lines.append("    }")
    return "\n".join(lines)


def generate():
    version = tshark_version()
    tables = value_strings()
    methods = [method(name, comment, list(tables[field].items())) for name, field, comment in FIELDS]
    dos = dos_errors()
    methods.append(method(
        "dosErrors", "SMB1 DOS error texts, key (errorClass << 16) | errorCode, probed from tshark's Info column",
        [((cls << 16) | code, text) for (cls, code), text in dos.items()]))
    header = f"""// GENERATED FILE - DO NOT EDIT.
// Generated by: python3 scripts/gen-tables.py
// Source: {version}
//   - `tshark -G values` for the value-string tables;
//   - a tshark run over a generated capture for the SMB1 DOS error texts (see the script).
// This file is long on purpose: one line per table entry.
package io.smbwatch.proto.smb;

/**
 * Display strings exactly as tshark prints them, one method per table. Each method
 * feeds (code, name) pairs to a {{@link Sink}} in ascending signed-int code order;
 * the public lookup classes of this package load them once into arrays.
 */
final class WiresharkTables {{
    private WiresharkTables() {{}}

    /** Receives one table entry. */
    @FunctionalInterface
    interface Sink {{
        void put(int code, String name);
    }}
"""
    return header + "\n" + "\n\n".join(methods) + "\n}\n"


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, OUT)
    text = generate()
    if "--check" in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{OUT} is stale; run python3 scripts/gen-tables.py", file=sys.stderr)
                sys.exit(1)
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
