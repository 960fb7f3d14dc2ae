"""Column-wise view of a *simple* CSV text, for the large-file fast paths (issue 20).

A text is simple when it holds no quote character ``"``, no NUL, no carriage return other
than in ``\\r\\n``, no byte-order mark and no physical line as long as the csv module's field
limit. For such a text the csv module (``csv.reader`` over ``io.StringIO``, as
:func:`~evaluatie.ingest.monitor.bron.lees_csv_rijen` reads it) yields exactly one row per
physical line, and a row's cells are the line split at the separator. Everything the
readers need from the text is then computed with numpy on the UTF-8 bytes (line bounds,
separators per line, which lines are blank) and with pyarrow's CSV parser (the cells), with
the same outcome as the csv module. A text that is not simple gets ``None`` and the readers
take their row-by-row path, unchanged.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

import numpy as np

SCHEIDINGEN = (";", ",", "\t")

# bytes that make a line non-blank whatever the separator: printable ASCII other than
# space and the three separators (non-ASCII bytes are checked exactly, per line, in Python)
_TEKEN = np.zeros(256, dtype=bool)
_TEKEN[33:127] = True
for _s in (";", ","):
    _TEKEN[ord(_s)] = False


@dataclass
class CsvRegels:
    """The physical lines of a simple CSV text (see the module docstring)."""

    data: bytes
    begin: np.ndarray  # byte offset of each line
    eind: np.ndarray  # byte offset after each line's content (before '\r\n' / '\n')
    langste: int  # bytes of the longest line
    _per_scheiding: dict = field(default_factory=dict)  # separator -> count per line; "scheiding" -> choice
    _leeg: dict[str, np.ndarray] = field(default_factory=dict)
    _zeker_gevuld: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.begin)

    def regel(self, i: int) -> str:
        return self.data[self.begin[i]:self.eind[i]].decode("utf-8")

    def aantal(self, scheiding: str) -> np.ndarray:
        """Number of ``scheiding`` characters on each line."""
        if scheiding not in self._per_scheiding:
            a = np.frombuffer(self.data, dtype=np.uint8)
            pos = np.flatnonzero(a == ord(scheiding))
            self._per_scheiding[scheiding] = np.searchsorted(pos, self.eind) - np.searchsorted(pos, self.begin)
        return self._per_scheiding[scheiding]

    def leeg(self, scheiding: str) -> np.ndarray:
        """True for a line whose cells (split at ``scheiding``) are all blank after ``str.strip``:
        the lines :func:`~evaluatie.ingest.monitor.bron.lees_csv_rijen` returns as ``[]``."""
        if scheiding not in self._leeg:
            if self._zeker_gevuld is None:
                a = np.frombuffer(self.data, dtype=np.uint8)
                gevuld = np.zeros(len(self), dtype=bool)
                niet_leeg = self.eind > self.begin
                if niet_leeg.any():
                    gevuld[niet_leeg] = np.logical_or.reduceat(_TEKEN[a], self.begin[niet_leeg])
                self._zeker_gevuld = gevuld
            leeg = np.zeros(len(self), dtype=bool)
            for i in np.flatnonzero(~self._zeker_gevuld):  # exact check, same rule as the csv path
                leeg[i] = not any(c.strip() for c in self.regel(int(i)).split(scheiding))
            self._leeg[scheiding] = leeg
        return self._leeg[scheiding]


#: One-entry cache (text, lines): format detection, the separator and the reader look at the
#: same text; :func:`vergeet` drops it (``lees_bestand`` does, when done with a file).
_LAATSTE: list = []


def regels_van(tekst: str) -> CsvRegels | None:
    """:func:`csv_regels` of ``tekst``, computed once for the same text object."""
    if _LAATSTE and _LAATSTE[0] is tekst:
        return _LAATSTE[1]
    regels = csv_regels(tekst)
    _LAATSTE[:] = [tekst, regels]
    return regels


def vergeet() -> None:
    """Drop the cached text and its lines (they may be large)."""
    _LAATSTE.clear()


def csv_regels(tekst: str) -> CsvRegels | None:
    """The lines of ``tekst`` when it is a simple CSV text (module docstring), else None."""
    if '"' in tekst or "\x00" in tekst or "\ufeff" in tekst:
        return None
    if "\r" in tekst and tekst.count("\r") != tekst.count("\r\n"):
        return None
    try:
        data = tekst.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    a = np.frombuffer(data, dtype=np.uint8)
    nl = np.flatnonzero(a == 10)
    begin = np.concatenate(([0], nl + 1)).astype(np.int64)
    eind = np.concatenate((nl, [len(a)])).astype(np.int64)
    if not len(a) or a[-1] == 10:  # csv yields no row after the last line break (nor for '')
        begin, eind = begin[:-1], eind[:-1]
    if "\r" in tekst:
        cr = (eind > begin) & (a[np.maximum(eind - 1, 0)] == 13)
        eind = eind - cr
    lengte = eind - begin
    langste = int(lengte.max()) if len(lengte) else 0
    if langste + 2 >= csv.field_size_limit():
        return None
    return CsvRegels(data, begin, eind, langste)


def detecteer_scheiding(regels: CsvRegels) -> str | None:
    """Same choice as :func:`evaluatie.ingest.monitor.bron.detecteer_scheiding` on a simple text."""
    if "scheiding" in regels._per_scheiding:
        return regels._per_scheiding["scheiding"]
    beste: tuple[int, int] = (1, 0)
    keuze = None
    for scheiding in SCHEIDINGEN:
        n = regels.aantal(scheiding)
        breedtes = n[~regels.leeg(scheiding) & (n > 0)] + 1
        if not len(breedtes):
            continue
        tellingen = np.bincount(breedtes)
        # max over (count, width): the widest among the most frequent
        hoe_vaak = int(tellingen.max())
        breedte = int(np.flatnonzero(tellingen == hoe_vaak).max())
        if (hoe_vaak, breedte) > (beste[1], beste[0]):
            beste = (breedte, hoe_vaak)
            keuze = scheiding
    regels._per_scheiding["scheiding"] = keuze
    return keuze


_REGELEINDE = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_GEEN_WIT = re.compile(r"\S")


def eerste_gevulde_regel(tekst: str) -> str:
    """``next((r for r in tekst.splitlines() if r.strip()), "")`` without splitting the whole
    text: the line (as ``str.splitlines`` cuts it) holding the first non-white character.
    ``\\s`` and ``str.strip`` use the same definition of white space; the characters in
    ``_REGELEINDE`` are those at which ``str.splitlines`` cuts."""
    m = _GEEN_WIT.search(tekst)
    if m is None:
        return ""
    einde = _REGELEINDE.search(tekst, m.start())
    return tekst[: einde.start() if einde else len(tekst)].splitlines()[-1]


def eerste_rij(regels: CsvRegels, scheiding: str) -> tuple[int, list[str]] | None:
    """(line index, stripped cells) of the first non-blank line; None when every line is blank."""
    gevuld = np.flatnonzero(~regels.leeg(scheiding))
    if not len(gevuld):
        return None
    i = int(gevuld[0])
    return i, [c.strip() for c in regels.regel(i).split(scheiding)]


def lees_cellen(regels: CsvRegels, scheiding: str, kop_index: int, breedte: int):
    """The cells of every non-blank line after line ``kop_index``, column-wise, or None when
    they are not all exactly ``breedte`` cells wide or a blank line is not empty.

    Returns ``(rijnummers, kolommen)``: the 1-based data row of each line (the first line
    below the header is row 1, blank lines counted, as in the row-by-row readers) and, per
    column, ``(codes, teksten)``: the distinct texts of that column (NOT stripped) and for
    every row the position of its text in them.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    na = slice(kop_index + 1, None)
    leeg = regels.leeg(scheiding)[na]
    n = regels.aantal(scheiding)[na]
    if (n[~leeg] != breedte - 1).any():
        return None
    if (regels.eind[na][leeg] != regels.begin[na][leeg]).any():
        return None  # a blank line with spaces or separators: pyarrow would not skip it
    rijnummers = np.flatnonzero(~leeg) + 1
    if not len(rijnummers):
        return rijnummers, []
    start = int(regels.begin[kop_index + 1])
    buf = pa.py_buffer(memoryview(regels.data)[start:])
    namen = [f"k{i}" for i in range(breedte)]
    try:
        tabel = pacsv.read_csv(
            pa.BufferReader(buf),
            read_options=pacsv.ReadOptions(column_names=namen),
            parse_options=pacsv.ParseOptions(delimiter=scheiding, quote_char=False, double_quote=False,
                                             escape_char=False, newlines_in_values=False,
                                             ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types={k: pa.string() for k in namen},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    if tabel.num_rows != len(rijnummers):
        return None
    kolommen = []
    for k in namen:
        d = tabel.column(k).combine_chunks().dictionary_encode()
        kolommen.append((d.indices.to_numpy(zero_copy_only=False), d.dictionary.to_pylist()))
    return rijnummers, kolommen
