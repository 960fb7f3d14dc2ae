"""Pipe tables in a researcher's own Markdown text that pandoc would set with text missing.

pandoc (``pipe_tables``) takes the number of columns from the separator row (``|---|---|``, also
``|---+---|``): header cells and row cells beyond that are dropped without a word, and a table written
directly under a paragraph line is no table but text of that paragraph. Both were seen by testers (a
column "2022" and its "45 %" gone from the PDF and the HTML). :func:`controleer_tabellen` finds them
in the source text, the way pandoc reads it: inside block quotes and list items too, not in code
blocks, not splitting a cell on a pipe that is escaped (``\\|``) or inside a code span or inline math.
Rows with fewer cells, or with extra cells that are empty, lose nothing and are accepted.
"""

from __future__ import annotations

import re
from pathlib import Path

#: The separator row: dashes with optional alignment colons, columns split by ``|`` (or ``+``, as
#: Emacs' org mode writes it); at least one ``|`` on the line.
_SCHEIDING = re.compile(r"^[|+]?\s*:?-+:?\s*([|+]\s*:?-+:?\s*)*[|+]?$")
_CITAAT = re.compile(r"^ {0,3}> ?")
_LIJSTTEKEN = re.compile(r"^\s*([-*+]|\d{1,9}[.)])\s+(?=\|)")
_HEK = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_KOP = re.compile(r"^ {0,3}(#{1,6}(\s|$)|(=+|-+)\s*$)")


def regels(tekst: str) -> list[str]:
    """The lines of a text as pandoc and an editor count them: split at LF, CRLF and CR only
    (``str.splitlines`` also splits at U+2028 and other separators that Word pastes into a line)."""
    return re.split(r"\r\n|\r|\n", tekst)


def _zonder_citaat(regel: str) -> str:
    while (m := _CITAAT.match(regel)) is not None:
        regel = regel[m.end():]
    return regel


def _cellen(regel: str) -> list[str]:
    """The cells of one row as pandoc splits them: at pipes that are not escaped and not inside a
    code span (backticks) or inline math (``$...$``); one leading and one trailing pipe are borders."""
    s = regel.strip()
    cellen: list[str] = []
    huidig: list[str] = []
    i, n, laatste_scheiding = 0, len(s), -1
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n:
            huidig.append(s[i:i + 2])
            i += 2
            continue
        if c == "`":
            j = i
            while j < n and s[j] == "`":
                j += 1
            sluit = re.compile(r"(?<!`)" + "`" * (j - i) + r"(?!`)").search(s, j)
            if sluit is not None:
                huidig.append(s[i:sluit.end()])
                i = sluit.end()
                continue
            huidig.append(s[i:j])
            i = j
            continue
        if c == "$" and i + 1 < n and not s[i + 1].isspace() and s[i + 1] != "$":
            k = i + 1
            while (k := s.find("$", k + 1)) != -1:
                if not s[k - 1].isspace() and s[k - 1] != "\\" and not (k + 1 < n and s[k + 1].isdigit()):
                    break
            if k != -1:
                huidig.append(s[i:k + 1])
                i = k + 1
                continue
        if c == "|":
            cellen.append("".join(huidig))
            huidig = []
            laatste_scheiding = i
            i += 1
            continue
        huidig.append(c)
        i += 1
    cellen.append("".join(huidig))
    if s.startswith("|"):
        cellen = cellen[1:]
    if laatste_scheiding == n - 1 and n > 1:
        cellen = cellen[:-1]
    return cellen


def _kolommen(scheiding: str) -> int:
    kaal = scheiding.strip().strip("|+")
    return len(re.split(r"[|+]", kaal))


def _code_of_niet(regels_: list[str]) -> list[bool]:
    """Per line: is it inside a fenced code block (``` or ~~~, the fence included) or an indented
    code block (four spaces after a blank line, not inside a list)?"""
    code = [False] * len(regels_)
    hek: tuple[str, int] | None = None
    in_lijst = False
    vorige_leeg = True
    for i, ruw in enumerate(regels_):
        regel = _zonder_citaat(ruw)
        if hek is not None:
            code[i] = True
            m = _HEK.match(regel)
            if m and m.group(1)[0] == hek[0] and len(m.group(1)) >= hek[1] and not m.group(2).strip():
                hek = None
            continue
        m = _HEK.match(regel)
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            hek = (m.group(1)[0], len(m.group(1)))
            code[i] = True
            continue
        leeg = not regel.strip()
        ingesprongen = regel.startswith(("    ", "\t"))
        if not leeg and not ingesprongen:
            in_lijst = bool(re.match(r"^\s*([-*+]|\d{1,9}[.)])\s", regel))
        if ingesprongen and not in_lijst and (vorige_leeg or (i > 0 and code[i - 1])):
            code[i] = True
        vorige_leeg = leeg
    return code


def controleer_tabellen(tekst: str, bron: Path) -> None:
    """Refuse a pipe table in a researcher's text that pandoc would set with text missing.

    ``tekst``: the Markdown text; ``bron``: its file, named in the message. Raises
    :class:`~evaluatie.gedeeld.fouten.InvoerFout` (``bron (regel n): ...``) for the first of: a header
    with more filled cells than the separator row has columns, a row with more filled cells than
    that, a table written directly under a paragraph line (pandoc makes it text of that paragraph).
    Source of the rules: pandoc's manual, "Pipe tables", checked against the pandoc this project
    runs (``tests/unit/zetwerk/test_tabelcontrole.py``).
    """
    from evaluatie.gedeeld.fouten import InvoerFout

    alle = regels(tekst)
    code = _code_of_niet(alle)
    inhoud = [_zonder_citaat(r) for r in alle]
    i = 1
    while i < len(inhoud):
        scheiding = inhoud[i].strip()
        if code[i] or code[i - 1] or "|" not in scheiding or not _SCHEIDING.match(scheiding):
            i += 1
            continue
        kopregel = inhoud[i - 1]
        met_lijstteken = _LIJSTTEKEN.match(kopregel)
        if met_lijstteken:
            kopregel = kopregel[met_lijstteken.end():]
        if "|" not in kopregel or not kopregel.strip():
            i += 1
            continue
        kolommen = _kolommen(scheiding)
        kop = _cellen(kopregel)
        if len(kop) > kolommen and any(c.strip() for c in kop[kolommen:]):
            raise InvoerFout(bron, f"de kop van deze tabel heeft {len(kop)} kolommen en de scheidingsregel eronder "
                                   f"(|---|) {kolommen}; pandoc houdt er dan {kolommen} over en de rest van de kop "
                                   "valt weg. Geef de kop en de scheidingsregel evenveel kolommen.", regel=i)
        boven = inhoud[i - 2] if i >= 2 else ""
        if not met_lijstteken and i >= 2 and boven.strip() and not code[i - 2] and not _KOP.match(boven):
            raise InvoerFout(bron, "deze tabel staat direct onder een regel tekst; pandoc maakt er dan gewone tekst "
                                   "van, met de strepen en scheidingstekens erin. Zet een witregel boven de tabel.",
                             regel=i)
        j = i + 1
        while j < len(inhoud) and not code[j] and inhoud[j].strip() and "|" in inhoud[j]:
            rij = _cellen(inhoud[j])
            if len(rij) > kolommen and any(c.strip() for c in rij[kolommen:]):
                raise InvoerFout(bron, f"deze tabelregel heeft {len(rij)} cellen en de tabel {kolommen} kolommen; "
                                       "wat erbuiten valt, verdwijnt uit het rapport. Voeg een kolom toe aan de kop "
                                       "en de scheidingsregel, of haal de cel weg (een | in de tekst schrijft u als "
                                       "\\|, of zet hem tussen `backticks`).", regel=j + 1)
            j += 1
        i = j + 1
