#!/usr/bin/env python3
"""The code-style gate CTest runs (test `code_style`): every C++ function at most 120 lines
(measured with universal-ctags) and every C++ file formatted as .clang-format says. Prints each
offender and exits 1 when there is one.

Usage: scripts/check-style.py [--max-lines N]"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FOLDERS = ["app", "engine", "widgets", "tests", "fuzz"]


def cpp_files():
    files = []
    for folder in FOLDERS:
        for pattern in ("*.cpp", "*.h"):
            files += sorted((ROOT / folder).rglob(pattern))
    return [f for f in files if "build" not in f.relative_to(ROOT).parts]


def long_functions(files, limit):
    out = subprocess.run(
        ["ctags", "--languages=C++", "--kinds-C++=f", "--fields=+ne", "--output-format=json",
         "-f", "-"] + [str(f) for f in files],
        capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        tag = json.loads(line)
        if "end" not in tag:
            continue
        lines = tag["end"] - tag["line"] + 1
        if lines > limit:
            name = (tag.get("scope", "") + "::" + tag["name"]).lstrip(":")
            path = pathlib.Path(tag["path"]).relative_to(ROOT)
            found.append(f"{path}:{tag['line']}: {name} has {lines} lines (at most {limit})")
    return found


def unformatted(files):
    found = []
    for f in files:
        result = subprocess.run(["clang-format", "--dry-run", "--Werror", str(f)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            found.append(f"{f.relative_to(ROOT)}: not formatted (run clang-format -i on it)")
    return found


def main():
    limit = 120
    if len(sys.argv) == 3 and sys.argv[1] == "--max-lines":
        limit = int(sys.argv[2])
    files = cpp_files()
    problems = long_functions(files, limit) + unformatted(files)
    for p in problems:
        print(p)
    print(f"{len(files)} files checked: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
