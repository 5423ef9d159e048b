"""The baseline for `npm run bench`: python3-pefile computing the fields DriverLab's analyser computes, per file.

Usage: python3 pefile_fields.py FILE...   (prints the number of files analysed)
"""
import hashlib
import multiprocessing
import sys

import pefile


def authentihash(data, pe):
    # Authenticode digest: everything except the CheckSum field, the security directory entry and the certificate data.
    checksum_off = pe.OPTIONAL_HEADER.get_file_offset() + 0x40
    sec_dir = pe.OPTIONAL_HEADER.DATA_DIRECTORY[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_SECURITY"]]
    sec_entry_off = sec_dir.get_file_offset()
    h = hashlib.sha256()
    h.update(data[:checksum_off])
    h.update(data[checksum_off + 4 : sec_entry_off])
    end = sec_dir.VirtualAddress if sec_dir.VirtualAddress and sec_dir.Size else len(data)
    h.update(data[sec_entry_off + 8 : end])
    return h.hexdigest()


def analyse(path):
    with open(path, "rb") as f:
        data = f.read()
    out = {"md5": hashlib.md5(data).hexdigest(), "sha1": hashlib.sha1(data).hexdigest(), "sha256": hashlib.sha256(data).hexdigest()}
    try:
        pe = pefile.PE(data=data)
    except pefile.PEFormatError as error:
        out["error"] = str(error)
        return out
    out["imphash"] = pe.get_imphash()
    out["authentihash"] = authentihash(data, pe)
    out["checksum"] = (pe.OPTIONAL_HEADER.CheckSum, pe.generate_checksum())
    out["sections"] = [(s.Name, s.VirtualAddress, s.Misc_VirtualSize, s.SizeOfRawData, s.Characteristics, s.get_entropy()) for s in pe.sections]
    out["imports"] = [(e.dll, [(i.name, i.hint, i.ordinal) for i in e.imports]) for e in getattr(pe, "DIRECTORY_ENTRY_IMPORT", [])]
    out["delay"] = [(e.dll, [(i.name, i.ordinal) for i in e.imports]) for e in getattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT", [])]
    exports = getattr(pe, "DIRECTORY_ENTRY_EXPORT", None)
    out["exports"] = [(s.name, s.ordinal, s.address, s.forwarder) for s in exports.symbols] if exports else []
    out["debug"] = [(d.struct.Type, getattr(d.entry, "PdbFileName", None)) for d in getattr(pe, "DIRECTORY_ENTRY_DEBUG", [])]
    out["version"] = [[(k, v) for st in getattr(fi, "StringTable", []) for k, v in st.entries.items()] for fis in getattr(pe, "FileInfo", []) for fi in fis]
    out["header"] = (pe.FILE_HEADER.Machine, pe.OPTIONAL_HEADER.Subsystem, pe.FILE_HEADER.TimeDateStamp, pe.OPTIONAL_HEADER.SizeOfImage,
                     pe.OPTIONAL_HEADER.ImageBase, pe.OPTIONAL_HEADER.AddressOfEntryPoint, pe.OPTIONAL_HEADER.DllCharacteristics)
    return out


if __name__ == "__main__":
    files = sys.argv[1:]
    workers = int(__import__("os").environ.get("BENCH_WORKERS", "2"))
    with multiprocessing.Pool(workers) as pool:
        results = pool.map(analyse, files, chunksize=8)
    print(len(results))
