"""Column widths for wide pipe tables: pandoc sizes a wrapping table by the dashes under its header."""

from __future__ import annotations


def met_breedtes(tabel: str, breedtes: list[int]) -> str:
    """Give the pipe table in ``tabel`` relative column widths (``breedtes``, in dashes), keeping alignment."""
    regels = tabel.split("\n")
    for n, regel in enumerate(regels):
        if regel.startswith("|:---") or regel.startswith("|---"):
            cellen = regel.strip("|").split("|")
            if len(cellen) != len(breedtes):
                raise ValueError(f"{len(cellen)} kolommen, {len(breedtes)} breedtes")
            nieuw = []
            for cel, b in zip(cellen, breedtes):
                links, rechts = cel.startswith(":"), cel.endswith(":")
                streep = "-" * max(3, b - links - rechts)
                nieuw.append((":" if links else "") + streep + (":" if rechts else ""))
            regels[n] = "|" + "|".join(nieuw) + "|"
            break
    return "\n".join(regels)
