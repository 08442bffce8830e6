"""Shrink a crashing deck while it crashes with the same signature: drop zip members, then
XML elements (outermost first, so a whole subtree goes in one try), then attributes.

    python -m tests.fuzz.minimize tests/fuzz/crashes/<sha>.pptx [-o small.pptx] [--seconds 300]

Prints the members left and the small XML parts: the minimal reproduction to report.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from lxml import etree

from tests.fuzz.oracle import Executor
from tests.fuzz.package import Member, pack, unpack

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class Minimizer:
    def __init__(self, executor: Executor, signature: str, deadline: float) -> None:
        self.executor = executor
        self.signature = signature
        self.deadline = deadline
        self.tries = 0

    def crashes(self, members: list[Member]) -> bool:
        data = pack(members)
        if data is None or time.monotonic() > self.deadline:
            return False
        self.tries += 1
        crash = self.executor.run(data).crash
        return crash is not None and crash.signature == self.signature

    def drop_members(self, members: list[Member]) -> list[Member]:
        for i in reversed(range(len(members))):
            if i < len(members) and self.crashes(members[:i] + members[i + 1 :]):
                members = members[:i] + members[i + 1 :]
        return members

    def shrink_xml(self, members: list[Member]) -> list[Member]:
        for i, member in enumerate(members):
            if not member.is_xml:
                emptied = [*members[:i], replace(member, data=b""), *members[i + 1 :]]
                if member.data and self.crashes(emptied):
                    members[i] = emptied[i]
                continue
            try:
                root = etree.fromstring(member.data, _PARSER)
            except (etree.XMLSyntaxError, ValueError):
                continue
            members[i] = self._shrink_tree(members, i, root)
        return members

    def _shrink_tree(self, members: list[Member], i: int, root: etree._Element) -> Member:
        def attempt() -> bool:
            blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            return self.crashes([*members[:i], replace(members[i], data=blob), *members[i + 1 :]])

        queue = list(root)
        while queue:
            element = queue.pop(0)
            parent = element.getparent()
            if parent is None:
                continue
            at = parent.index(element)
            parent.remove(element)
            if attempt():
                continue
            parent.insert(at, element)
            queue.extend(element)
            for name in list(element.attrib):
                value = element.attrib.pop(name)
                if not attempt():
                    element.set(name, value)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return replace(members[i], data=blob)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz.minimize",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--cpu-timeout", type=float, default=10.0)
    args = parser.parse_args(argv)
    data = args.file.read_bytes()
    executor = Executor(full="always", cpu_seconds=args.cpu_timeout)
    crash = executor.run(data).crash
    if crash is None:
        print(f"{args.file} does not crash: nothing to minimize")
        return 1
    members = unpack(data)
    if members is None:
        print(f"{crash.signature}\nnot a readable zip: minimize it by hand")
        return 1
    minimizer = Minimizer(executor, crash.signature, time.monotonic() + args.seconds)
    members = minimizer.shrink_xml(minimizer.drop_members(members))
    small = pack(members) or data
    output = args.output or args.file.with_name(args.file.stem + ".min.pptx")
    output.write_bytes(small)
    print(
        f"{crash.signature}\n{len(data)} -> {len(small)} bytes, {minimizer.tries} tries: {output}"
    )
    for member in members:
        print(f"--- {member.name} ({len(member.data)} bytes)")
        if member.is_xml and len(member.data) < 3000:
            print(member.data.decode("utf-8", "replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
