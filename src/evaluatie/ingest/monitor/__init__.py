"""Monitor files as CBS and RIVM deliver them, one reader per source format, into tidy ``metingen``."""
