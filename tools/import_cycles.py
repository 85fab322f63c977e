"""Every import circle among voice's modules (lazy imports inside functions included), found as the
strongly connected components of grimp's import graph; prints them and exits 1 if there is any.

    .venv/bin/python tools/import_cycles.py
"""

from __future__ import annotations

import sys

import grimp


def cycles(package: str = "voice") -> list[list[str]]:
    graph = grimp.build_graph(package)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:  # Tarjan's algorithm, without recursion
        work = [(start, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            for j in range(i, len(edges[node])):
                nxt = edges[node][j]
                if nxt not in index:
                    work += [(node, j + 1), (nxt, 0)]
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])

    for module in modules:
        if module not in index:
            visit(module)
    return found


if __name__ == "__main__":
    circles = cycles()
    for circle in circles:
        sys.stdout.write("circle: " + " -> ".join(circle) + "\n")
    sys.stdout.write(f"{len(circles)} import circle(s) among voice's modules\n")
    sys.exit(1 if circles else 0)
