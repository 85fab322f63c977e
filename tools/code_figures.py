"""The code's shape, as #31's note gives it: files, lines per file, the largest functions, `Any` in code and raw
SQL calls, for a checkout's src/voice.

    .venv/bin/python tools/code_figures.py [ROOT]   # ROOT: a checkout (default: this one)
"""

from __future__ import annotations

import ast
import io
import statistics
import sys
import tokenize
from pathlib import Path


def main() -> None:
    root = (Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent) / "src" / "voice"
    files = sorted(root.rglob("*.py"))
    lines: list[int] = []
    functions: list[tuple[int, str]] = []
    any_count = execute_count = 0
    for file in files:
        text = file.read_text()
        lines.append(len(text.splitlines()))
        tree = ast.parse(text)
        where = file.relative_to(root.parent)

        def walk(node: ast.AST, prefix: str = "", where: Path = where) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    name = prefix + child.name
                    functions.append(((child.end_lineno or child.lineno) - child.lineno + 1, f"{where}:{name}"))
                    walk(child, name + ".")
                elif isinstance(child, ast.ClassDef):
                    walk(child, prefix + child.name + ".")
                else:
                    walk(child, prefix)

        walk(tree)
        imports = {
            line
            for n in ast.walk(tree)
            if isinstance(n, ast.Import | ast.ImportFrom)
            for line in range(n.lineno, (n.end_lineno or n.lineno) + 1)
        }
        any_count += sum(
            1
            for tok in tokenize.generate_tokens(io.StringIO(text).readline)
            if tok.type == tokenize.NAME and tok.string == "Any" and tok.start[0] not in imports
        )
        execute_count += sum(
            1
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("execute", "executemany")
        )
    tenths = statistics.quantiles(lines, n=10, method="inclusive")
    print(f"files (.py under src/voice): {len(files)}")
    print(f"lines per file: median {statistics.median(lines):.0f}, p90 {tenths[8]:.0f}, max {max(lines)}")
    print(f"`Any` in code (imports left out): {any_count}")
    print(f"raw .execute() / .executemany() calls: {execute_count}")
    print("the 10 largest functions (lines):")
    for n, name in sorted(functions, key=lambda f: (-f[0], f[1]))[:10]:
        print(f"  {n:4d}  {name}")


if __name__ == "__main__":
    main()
