"""Bundled model folders (data only); shipped in the package as ``proposalnlp.models``."""
