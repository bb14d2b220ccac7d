"""Development tools of the repository: not part of the installed package (not in the wheel).

``shared`` finds the shared corpus of real documents (``../shared``), ``corpus`` loads its documents, gold
annotations and the project's training labels (``models/training``), ``evaluation`` holds the matching
gold pairs and ranking metrics. Tests, scripts, benchmarks and notebooks import them with the repository
root on ``sys.path`` (pytest's ``pythonpath``; a two-line bootstrap at the top of each script).
"""
