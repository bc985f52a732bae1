#!/usr/bin/env python3
"""check-doc-refs.py — the repository cites only itself (run by `make lint`).

Fails, naming file and line, when a file in the repository
  - cites the old contract document that lived outside the repository (the upper-case word
    that named it), or a path outside the repository (`../shared`, `/work/shared`);
  - cites `doc/NAME.md` and that file does not exist (or, in a doc file, links `](NAME.md)`);
  - cites a section that does not exist: `doc/NAME.md §N.M` anywhere, or a bare `§N.M` inside
    a doc file with numbered headings (a section of the same file). Sections are the `§N.M` at
    the start of a Markdown heading. Outside its own file a section is always cited with the
    file's path, so that grep finds every citation of it.
Files are those git knows (tracked, or new and not ignored); binary files and symbolic
links (the file they point to is checked on its own) are skipped.
Run from the top of the tree: python3 tools/check-doc-refs.py
"""
import os
import re
import subprocess
import sys

# this file and its test name what they look for
SKIP = ("tools/check-doc-refs.py", "tests/docs/refs.sh")
OUTSIDE = re.compile(r"\b" + "SP" + r"EC\b|\.\./shared\b|/work/shared\b|\bshared/domain\b")
SECTION = r"§\s?(\d+(?:\.\d+)*)"
# between "doc/NAME.md" and "§": a closing backtick, spaces, comment leaders of C, shell, roff
GAP = r"`?[ \t]*(?:\n[ \t]*(?:\*|#|//|\.\\\")?[ \t]*)?"
DOC_PATH = re.compile(r"(?<![\w/.-])doc/([A-Za-z0-9_-]+)\.md")
DOC_SECTION = re.compile(r"(?<![\w/.-])doc/([A-Za-z0-9_-]+)\.md" + GAP + SECTION)
HEADING = re.compile(r"^#+\s*" + SECTION, re.M)


def repo_files():
    try:
        out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"],
                             capture_output=True, check=True).stdout
        return sorted(p for p in out.decode().split("\0") if p)
    except (OSError, subprocess.CalledProcessError):
        found = []
        for root, dirs, files in os.walk("."):
            dirs[:] = [d for d in dirs if d not in (".git", "build")]
            found += [os.path.relpath(os.path.join(root, f)) for f in files]
        return sorted(found)


def read_text(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace")


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def sections_of(text):
    return set(HEADING.findall(text))


def main():
    files = repo_files()
    texts = {p: read_text(p) for p in files if os.path.isfile(p) and not os.path.islink(p)}
    docs = {}  # NAME -> set of section ids, for every doc/NAME.md
    problems = []
    for path, text in texts.items():
        m = re.fullmatch(r"doc/([A-Za-z0-9_-]+)\.md", path)
        if m and text is not None:
            docs[m.group(1)] = sections_of(text)
            seen = set()
            for h in HEADING.finditer(text):
                if h.group(1) in seen:
                    problems.append(f"{path}:{line_of(text, h.start())}: section §{h.group(1)} "
                                    "is defined twice, expected a new number")
                seen.add(h.group(1))

    def bad(path, text, offset, what):
        problems.append(f"{path}:{line_of(text, offset)}: {what}")

    for path, text in texts.items():
        if text is None or path in SKIP:
            continue
        for m in OUTSIDE.finditer(text):
            what = "the old contract" if m.group(0).isupper() else "a path"
            bad(path, text, m.start(), f"cites {what} outside the repository: '{m.group(0)}'")
        for m in DOC_PATH.finditer(text):
            if m.group(1) not in docs:
                bad(path, text, m.start(), f"cites {m.group(0)}, which does not exist")
        cited = set()  # offsets of § already checked as part of a longer citation
        for m in DOC_SECTION.finditer(text):
            cited.add(m.start(2) - 1)
            name, sec = m.group(1), m.group(2)
            if name in docs and sec not in docs[name]:
                bad(path, text, m.start(), f"cites doc/{name}.md §{sec}, which has no such section")
        own = re.fullmatch(r"doc/([A-Za-z0-9_-]+)\.md", path)
        for m in re.finditer(r"\]\(([A-Za-z0-9_-]+)\.md(?:#[^)]*)?\)", text) if own else ():
            if m.group(1) not in docs:
                bad(path, text, m.start(), f"links {m.group(1)}.md, which does not exist")
        if own and docs.get(own.group(1)):
            for m in re.finditer(SECTION, text):
                if any(abs(m.start() - c) <= 1 for c in cited):
                    continue
                if text[text.rfind("\n", 0, m.start()) + 1:m.start()].lstrip().startswith("#"):
                    continue  # a heading defines its section
                if m.group(1) not in docs[own.group(1)]:
                    bad(path, text, m.start(), f"cites §{m.group(1)} of this file, which has no such section")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check-doc-refs: {len(problems)} problems: cite doc/ sections that exist "
              "(see doc/README.md)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
