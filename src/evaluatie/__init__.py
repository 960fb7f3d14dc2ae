"""evaluatie: reproducible evaluation of municipal social-domain policy."""
__version__ = "0.1.0"
