"""Stage `voortgang`: numbers only — distance to target, tests, trend, status, disclosure control.

No Dutch sentence is written here; the chapters in :mod:`evaluatie.hoofdstukken` turn these
numbers into text. Column meanings are documented in ``voortgang.meta.yml`` beside this file.
"""
