"""Every import circle among voice's modules (lazy imports inside functions included), from grimp's import
graph (the one import-linter reads): for each import A -> B, the shortest chain from B back to A, if any.
Prints each circle once and exits 1 if there is any.

    .venv/bin/python tools/import_cycles.py
"""

from __future__ import annotations

import sys

import grimp


def circles(package: str = "voice") -> list[tuple[str, ...]]:
    graph = grimp.build_graph(package)
    found: dict[frozenset[str], tuple[str, ...]] = {}
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back and frozenset(back) not in found:
                found[frozenset(back)] = (importer, *back)
    return list(found.values())


if __name__ == "__main__":
    found = circles()
    for circle in found:
        sys.stdout.write("circle: " + " -> ".join(circle) + "\n")
    sys.stdout.write(f"{len(found)} import circle(s) among voice's modules\n")
    sys.exit(1 if found else 0)
