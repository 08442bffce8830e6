"""One mutant of a deck: a few stacked mutations, structure-aware where the deck is still a
readable zip (members, XML trees, content types, relationships), then on the packed bytes
(the zip's directory, raw bytes). Every choice comes from the ``random.Random`` given, so a
seed and an input always give the same mutant."""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tests.fuzz import xml_mutations
from tests.fuzz.package import (
    MAX_INPUT_BYTES,
    Member,
    flip_bytes,
    mutate_directory,
    mutate_members,
    mutate_raw,
    pack,
    pick_member,
    unpack,
)


@dataclass(frozen=True)
class Mutant:
    """The bytes to run, and the mutations that made them (for the crash report)."""

    data: bytes
    ops: tuple[str, ...]


class Mutator:
    """Makes mutants; ``others`` are decks whose bytes may be spliced in."""

    def __init__(self, others: Sequence[bytes]) -> None:
        self._others = list(others) or [b""]
        self._unpacked: OrderedDict[bytes, list[Member] | None] = OrderedDict()

    def mutate(self, data: bytes, rng: random.Random) -> Mutant:
        members = self._members(data)
        ops: list[str] = []
        late: list[str] = []  # mutations of the packed bytes, done after repacking
        changed = False
        for _ in range(rng.choice([1, 1, 1, 1, 2, 2, 3, 4])):
            roll = rng.random()
            if members is None or roll < 0.06:
                late.append("raw")
            elif roll < 0.11:
                late.append("directory")
            elif roll < 0.40:
                ops.append(mutate_members(members, rng))
                changed = True
            elif roll < 0.97:
                what = self._mutate_xml(members, rng, prefer_package=roll > 0.88)
                if what is not None:
                    ops.append(what)
                    changed = True
            else:
                members[:] = [
                    replace(m, data=xml_mutations.as_strict(m.data)) if m.is_xml else m
                    for m in members
                ]
                ops.append("Strict OOXML namespaces")
                changed = True
        out = data
        if changed and members is not None:
            packed = pack(members)
            if packed is None:
                ops.append("(zipfile refused the mutant; raw mutation instead)")
                late.append("raw")
            else:
                out = packed
        for kind in late:
            if kind == "directory":
                out, what = mutate_directory(out, rng)
            else:
                out, what = mutate_raw(out, rng, self._others)
            ops.append(what)
        if len(out) > MAX_INPUT_BYTES:
            return Mutant(flip_bytes(data, rng), ("flip bytes (mutant too large)",))
        return Mutant(out, tuple(ops))

    def _members(self, data: bytes) -> list[Member] | None:
        """A fresh list of ``data``'s members; recently seen inputs are not unpacked again."""
        if len(data) > 1024 * 1024:
            return unpack(data)
        if data in self._unpacked:
            self._unpacked.move_to_end(data)
        else:
            self._unpacked[data] = unpack(data)
            if len(self._unpacked) > 64:
                self._unpacked.popitem(last=False)
        members = self._unpacked[data]
        return None if members is None else list(members)

    @staticmethod
    def _mutate_xml(
        members: list[Member], rng: random.Random, *, prefer_package: bool
    ) -> str | None:
        """One mutation of an XML member: its tree mostly, its bytes sometimes. With
        ``prefer_package``, the content types or a relationships part."""
        xml = [i for i, m in enumerate(members) if m.is_xml]
        if prefer_package:
            xml = [i for i in xml if members[i].name.endswith((".rels", "Types].xml"))] or xml
        if not xml:
            return None
        i = xml[pick_member([members[k] for k in xml], rng)]
        member = members[i]
        result = None
        if rng.random() < 0.8:
            result = xml_mutations.mutate_tree(member.data, rng)
        if result is None:
            result = xml_mutations.mutate_bytes(member.data, rng)
        data, what = result
        members[i] = replace(member, data=data)
        return f"{member.name}: {what}"
