"""Errors users see: every refusal names the file and the place in it."""

from __future__ import annotations

from pathlib import Path


class InvoerFout(Exception):
    """Bad input, refused with file, row/column, line or key path, and a Dutch message.

    ``rij`` is a data row (CSV, StatLine, OData records); ``regel`` a line of a text file (Markdown,
    JSON) — a researcher counts lines in an editor, not rows.

    The CLI prints ``str(fout)`` and exits non-zero; no traceback unless ``--debug``.
    """

    def __init__(
        self,
        bestand: str | Path | None,
        melding: str,
        *,
        rij: int | None = None,
        kolom: str | None = None,
        sleutel: str | None = None,
        regel: int | None = None,
    ) -> None:
        self.bestand = str(bestand) if bestand is not None else None
        self.melding = melding
        self.rij = rij
        self.kolom = kolom
        self.sleutel = sleutel
        self.regel = regel
        super().__init__(str(self))

    def plaats(self) -> str:
        """Location within the file: 'rij 3, kolom "waarde"', 'regel 12' or a key path."""
        delen = []
        if self.regel is not None:
            delen.append(f"regel {self.regel}")
        if self.rij is not None:
            delen.append(f"rij {self.rij}")
        if self.kolom is not None:
            delen.append(f"kolom '{self.kolom}'")
        if self.sleutel is not None:
            delen.append(f"sleutel '{self.sleutel}'")
        return ", ".join(delen)

    def __str__(self) -> str:
        plaats = self.plaats()
        if self.bestand is None and not plaats:
            return self.melding  # e.g. a refusal relayed from a notebook, already complete
        kop = self.bestand or "<invoer>"
        if plaats:
            kop = f"{kop} ({plaats})"
        return f"{kop}: {self.melding}"


def schrijffout(fout: OSError, bestand: str | Path | None = None) -> InvoerFout:
    """An :class:`InvoerFout` for an operating-system error while reading or writing ``bestand``
    (default: the file the error names): disk full, no permission, read-only file system, ...

    The message is one Dutch sentence that names the file; the caller prints it and exits 1.
    """
    import errno

    bestand = bestand if bestand is not None else (fout.filename or None)
    uitleg = {
        errno.ENOSPC: "de schijf is vol (geen ruimte meer op het apparaat); maak ruimte vrij en probeer het opnieuw",
        errno.EDQUOT: "uw schijfquotum is op; maak ruimte vrij en probeer het opnieuw",
        errno.EACCES: "geen toestemming (bestandsrechten)",
        errno.EPERM: "geen toestemming (bestandsrechten)",
        errno.EROFS: "het bestandssysteem is alleen-lezen",
        errno.ENOENT: "bestand of map bestaat niet",
        errno.EIO: "lees- of schrijffout van het apparaat",
        errno.EMFILE: "te veel open bestanden",
        # a folder expected where a file is, or the other way round (a report folder replaced by a file)
        errno.EEXIST: "er staat al een bestand of map met die naam (bijvoorbeeld een bestand waar een map "
                      "hoort); verplaats of verwijder het",
        errno.ENOTDIR: "een deel van het pad is een bestand, geen map; verplaats of verwijder dat bestand",
        errno.EISDIR: "dit is een map, geen bestand",
    }.get(fout.errno or 0, f"besturingssysteemfout: {fout.strerror or fout}")
    return InvoerFout(bestand, f"kon niet lezen of schrijven: {uitleg}")
