"""Ground floor: settings, definitions, the strict YAML reader, errors and atomic writes.

Nothing here imports another layer of the package, so every stage may depend on it.
"""
