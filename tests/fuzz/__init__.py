"""Fuzzing deckmentor with mutated real decks.

The property: whatever the bytes, ``analyzer.pipeline.analyze`` returns a Report or raises
``analyzer.errors.DeckError``; never another exception, never a hang, never unbounded memory.

- ``mutate``, ``package``, ``xml_mutations``: structure-aware mutations of a deck (zip members,
  XML elements and attributes, relationships, content types, the zip directory, raw bytes).
- ``seeds``: the decks mutated (built with ``tests/builders.py``, ``samples/``, ``tests/files/``
  and ``../shared/corpus/dev/`` when present).
- ``oracle``: runs one input with a CPU-time bound and says what happened.
- ``session``: the seeded mutation loop (also the pytest smoke run), ``worker``: one fuzzing
  process (this loop, or atheris when installed), ``run``: the command that supervises workers
  for a bounded time and prints the figures. ``replay`` re-runs saved crashes,
  ``minimize`` shrinks one.

    python -m tests.fuzz.run --seconds 90 --seed 1
"""
