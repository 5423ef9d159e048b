"""Prints, as JSON, what pefile reads from each PE file named on the command line.

Used by test/core/pe to compare analyzePe against pefile (Debian package python3-pefile).
One JSON object per input, in order, as a JSON array on stdout.
"""
import json
import sys

import pefile


def text(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def imports_of(entries, delay):
    out = []
    for entry in entries:
        functions = []
        for imp in entry.imports:
            functions.append(
                {
                    "byOrdinal": bool(imp.import_by_ordinal),
                    "ordinal": imp.ordinal,
                    "name": text(imp.name),
                    "hint": imp.hint,
                }
            )
        out.append({"module": text(entry.dll), "delayLoad": delay, "functions": functions})
    return out


def flag_names(table, prefix, value):
    """Names of the set flags, lowest bit first, without the prefix."""
    flags = [(v, k) for k, v in table.items() if isinstance(k, str) and k.startswith(prefix)]
    return [k[len(prefix):] for v, k in sorted(flags) if value & v]


def enum_name(table, prefix, value):
    name = table.get(value)
    return name[len(prefix):] if isinstance(name, str) else None


def dump(path):
    pe = pefile.PE(path)
    result = {
        "machine": enum_name(pefile.MACHINE_TYPE, "IMAGE_FILE_MACHINE_", pe.FILE_HEADER.Machine),
        "timeDateStamp": pe.FILE_HEADER.TimeDateStamp,
        "magic": pe.OPTIONAL_HEADER.Magic,
        "subsystem": enum_name(pefile.SUBSYSTEM_TYPE, "IMAGE_SUBSYSTEM_", pe.OPTIONAL_HEADER.Subsystem),
        "sizeOfImage": pe.OPTIONAL_HEADER.SizeOfImage,
        "imageBase": hex(pe.OPTIONAL_HEADER.ImageBase),
        "entryPointRva": pe.OPTIONAL_HEADER.AddressOfEntryPoint,
        "dllCharacteristics": flag_names(
            pefile.DLL_CHARACTERISTICS, "IMAGE_DLLCHARACTERISTICS_", pe.OPTIONAL_HEADER.DllCharacteristics
        ),
        "checksumStored": pe.OPTIONAL_HEADER.CheckSum,
        # generate_checksum() sums pe.write(), which serialises parsed structures back; after a
        # full parse of VA-based delay imports those hold normalised RVAs, so use a fast_load copy.
        "checksumComputed": pefile.PE(path, fast_load=True).generate_checksum(),
        "imphash": pe.get_imphash(),
        "sections": [
            {
                "name": s.Name.rstrip(b"\0").decode("latin-1"),
                "virtualAddress": s.VirtualAddress,
                "virtualSize": s.Misc_VirtualSize,
                "rawSize": s.SizeOfRawData,
                "characteristics": s.Characteristics,
                "entropy": s.get_entropy(),
            }
            for s in pe.sections
        ],
        "imports": imports_of(getattr(pe, "DIRECTORY_ENTRY_IMPORT", []), False)
        + imports_of(getattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT", []), True),
        "exports": [],
        "codeView": None,
        "version": None,
    }
    export_dir = getattr(pe, "DIRECTORY_ENTRY_EXPORT", None)
    if export_dir is not None:
        for sym in export_dir.symbols:
            result["exports"].append(
                {
                    "name": text(sym.name),
                    "ordinal": sym.ordinal,
                    "rva": sym.address,
                    "forwarder": text(sym.forwarder),
                }
            )
    for entry in getattr(pe, "DIRECTORY_ENTRY_DEBUG", []):
        cv = getattr(entry, "entry", None)
        if entry.struct.Type == 2 and cv is not None and hasattr(cv, "Signature_Data1"):
            result["codeView"] = {
                "data1": cv.Signature_Data1,
                "data2": cv.Signature_Data2,
                "data3": cv.Signature_Data3,
                # CV_INFO_PDB70 in pefile: Data4 and Data5 single bytes, Data6 six bytes.
                "data4": (bytes([cv.Signature_Data4, cv.Signature_Data5]) + cv.Signature_Data6).hex(),
                "age": cv.Age,
                "pdbPath": cv.PdbFileName.rstrip(b"\0").decode("utf-8", "replace"),
            }
            break
    if hasattr(pe, "VS_FIXEDFILEINFO") and pe.VS_FIXEDFILEINFO:
        fixed = pe.VS_FIXEDFILEINFO[0]
        strings = {}
        for info in getattr(pe, "FileInfo", []):
            for block in info:
                for table in getattr(block, "StringTable", []):
                    for key, value in table.entries.items():
                        strings.setdefault(key.decode("utf-8"), value.decode("utf-8"))
        result["version"] = {
            "fileVersionMS": fixed.FileVersionMS,
            "fileVersionLS": fixed.FileVersionLS,
            "strings": strings,
        }
    return result


def main():
    out = []
    for path in sys.argv[1:]:
        try:
            out.append(dump(path))
        except pefile.PEFormatError as error:
            out.append({"error": str(error)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
