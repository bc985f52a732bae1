#!/usr/bin/env python3
"""numbers.py — every number in a shipped rubric cites a source or is labelled a choice.

Usage: numbers.py RUBRIC.yaml...   exit 0 when every number is covered, 1 otherwise (one
line per uncovered number on stderr), 2 on a usage error.

What counts as a number: a plain (unquoted) YAML scalar that reads as a decimal number,
NUMBER_RE below ("21.85", "0", "-1", "1e3"), anywhere in the document (a mapping value or a
sequence item, block or flow style). The one exception is the value of the top-level key
`patuh`, the rubric format's version, which is not a fact about the method. Numbers written
inside strings (titles, guidance, `source:`) are prose, not numbers.

What covers a number: a comment that carries a tag, TAG_RE below: "Sumber:" (a source is
cited) or "Pilihan:" (a choice, with its reason), optionally with a parenthesised note
between the word and the colon ("Pilihan (2024):"). The tagged comment must be
  (a) on the number's own line, after it, or
  (b) in the comment block directly above the number's line (the consecutive full-line
      comments ending on the line just before it, no blank line between), or
  (c) on the line of, or in the comment block directly above, a key or sequence item that
      encloses the number (its ancestors in the YAML tree: `weight:` of an indicator is
      enclosed by the indicator's `- id:` item, its `indicators:` key, the section's item,
      ... up to a top-level key such as `sections:` or `bands:`).
The check is mechanical: whether the comment really cites the source of that number is for
the reader (rubrics/README.md, "Numbers and their comments").
"""
import re
import sys

import yaml

NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\Z")
TAG_RE = re.compile(r"\b(?:Sumber|Pilihan)(?:\s*\([^)]*\))?:")
EXEMPT_TOP_KEYS = {"patuh"}


def comment_of(line, code_end):
    """The comment text of a line whose YAML content ends at column code_end, or ''."""
    if line.lstrip().startswith("#"):
        return line.lstrip()
    at = code_end
    while True:
        at = line.find("#", at)
        if at < 0:
            return ""
        if at == 0 or line[at - 1] in " \t":
            return line[at:]
        at += 1


class Source:
    def __init__(self, path, text):
        self.path = path
        self.lines = text.split("\n")
        self.content_end = [0] * (len(self.lines) + 1)  # per line: where YAML content ends
        self.block_lines = set()  # lines inside block scalars: never comments

    def note_node(self, node):
        end = node.end_mark
        if end.line < len(self.content_end):
            self.content_end[end.line] = max(self.content_end[end.line], end.column)
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            self.note_block(node.start_mark.line + 1, min(end.line, len(self.lines) - 1))

    def note_block(self, first, last):
        """Lines first..last follow a block scalar's indicator: its content is the lines
        indented at least as deep as its first non-blank line; a shallower line (a comment
        before the next key) is not content."""
        indent = None
        for n in range(first, last + 1):
            text = self.lines[n]
            if not text.strip():
                continue
            depth = len(text) - len(text.lstrip())
            if indent is None:
                indent = depth
            if depth >= indent:
                self.block_lines.add(n)

    def is_comment_line(self, n):
        return n not in self.block_lines and self.lines[n].lstrip().startswith("#")

    def tagged_at(self, n):
        """A tagged comment on line n, or in the comment block directly above it."""
        if TAG_RE.search(comment_of(self.lines[n], self.content_end[n])):
            return True
        k = n - 1
        while k >= 0 and self.is_comment_line(k):
            if TAG_RE.search(self.lines[k]):
                return True
            k -= 1
        return False


def walk(node, anchors, src, found, top_key=None):
    """Collects (node, anchors) for every number below node; anchors are enclosing lines."""
    src.note_node(node)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            src.note_node(key)
            key_name = key.value if isinstance(key, yaml.ScalarNode) else None
            walk(value, anchors + [key.start_mark.line], src, found,
                 key_name if not anchors else top_key)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            walk(item, anchors + [item.start_mark.line], src, found, top_key)
    elif (node.style is None and NUMBER_RE.match(node.value)
          and not (len(anchors) == 1 and top_key in EXEMPT_TOP_KEYS)):
        found.append((node, anchors))


def check(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    src = Source(path, text)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    found = []
    if root is not None:
        walk(root, [], src, found)
    missing = []
    for node, anchors in found:
        lines = [node.start_mark.line] + anchors
        if not any(src.tagged_at(n) for n in lines):
            m = node.start_mark
            missing.append(f"{path}:{m.line + 1}:{m.column + 1}: number '{node.value}' has "
                           f"no comment that cites a source ('Sumber:') or labels a choice "
                           f"('Pilihan:')")
    return len(found), missing


def main(argv):
    if len(argv) < 2:
        print("usage: numbers.py RUBRIC.yaml...", file=sys.stderr)
        return 2
    bad = 0
    for path in argv[1:]:
        count, missing = check(path)
        for line in missing:
            print(line, file=sys.stderr)
        bad += len(missing)
        if not missing:
            print(f"numbers: {path}: {count} numbers, every one sourced or a choice")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
