#!/usr/bin/python3
# bench/scan_peer.py — the Python peer of `patuh scan` for bench/scan: the same extraction
# with BeautifulSoup over lxml (python3-bs4, python3-lxml): the same walk of each site, the
# rubric's scan rules read from the rubric, links by scheme or host, phrases in the folded
# visible text on word boundaries within one block, `near` a heading (doc/formats.md §2.8).
# With --check PROPOSED.yaml, the first page each rule was met on must equal patuh's.
"""Usage: bench/scan_peer.py RUBRIC [--check PROPOSED.yaml] SITE..."""

import os
import re
import sys
import unicodedata

import yaml
from bs4 import BeautifulSoup, Comment, Doctype, NavigableString

PAGE_EXTS = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp")
INLINE = {"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "em", "font", "i", "kbd",
          "label", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "tt",
          "u"}
HIDDEN = {"script", "style", "noscript", "template"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6, "title": 0}
WITHIN = {"heading": {"h1", "h2", "h3", "h4", "h5", "h6"}, "table-header": {"th", "thead"},
          "list": {"li", "dt", "dd"}, "link": {"a"}, "title": {"title"}}


def fold(text):
    """Lower case, accents of U+00C0-U+017F dropped, other runs one space."""
    out = []
    for ch in text:
        if "\u00c0" <= ch <= "\u017f":
            ch = unicodedata.normalize("NFD", ch)[0]
        ch = ch.lower()
        out.append(ch if ("a" <= ch <= "z" or "0" <= ch <= "9") else " ")
    return re.sub(" +", " ", "".join(out))


def word_re(needle):
    return re.compile(r"(?<![a-z0-9])" + re.escape(needle) + r"(?![a-z0-9])")


class Rule:
    def __init__(self, name, spec):
        self.name = name
        self.links = spec.get("links") or []
        self.phrases = [word_re(fold(p).strip()) for p in spec.get("phrases") or []]
        self.within = WITHIN.get(spec.get("within", "any"))
        near = spec.get("near")
        self.near = word_re(fold(near).strip()) if near else None


def load_rules(path):
    with open(path, encoding="utf-8") as f:
        rubric = yaml.safe_load(f)
    rules = []

    def visit(node):
        for child in node.get("sections", []) or []:
            visit(child)
        for ind in node.get("indicators", []) or []:
            for name, spec in ((ind.get("scan") or {}).get("items") or {}).items():
                rules.append(Rule(name, spec))
    visit(rubric)
    return rules


def link_matches(href, link):
    if link.endswith(":"):
        return href[:len(link)].lower() == link.lower()
    m = re.match(r"(?i)(?:https?:)?//([^/?#]*)(.*)", href)
    if not m:
        return False
    host = m.group(1).rsplit("@", 1)[-1].split(":", 1)[0].lower()
    want, _, path = link.partition("/")
    if not (host == want.lower() or host.endswith("." + want.lower())):
        return False
    return not path or m.group(2).lower().startswith("/" + path.lower())


class Page:
    """The folded text of a page in blocks, its text pieces and headings, and its links."""

    def __init__(self, soup):
        self.parts, self.len = [], 0
        self.texts = []  # (start, element holding the text)
        self.heads = []  # [start, end, level]
        self.links = []  # (element, href)
        self.walk(soup)
        self.text = "".join(self.parts)

    def add(self, s):
        self.parts.append(s)
        self.len += len(s)

    def brk(self):
        if self.len and self.parts[-1][-1:] != "\n":
            self.add("\n")

    def walk(self, node):
        for child in node.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, NavigableString):
                if child:
                    self.texts.append((self.len, child.parent))
                    self.add(fold(str(child)))
                continue
            name = child.name
            if name in HIDDEN:
                continue
            inline = name in INLINE
            if not inline:
                self.brk()
            head = None
            if name in HEADINGS:
                head = [self.len, None, HEADINGS[name]]
                self.heads.append(head)
            if name in ("a", "area") and child.get("href") is not None:
                self.links.append((child, child["href"].lstrip(" \t\n\r")))
            self.walk(child)
            if head:
                head[1] = self.len
            if not inline:
                self.brk()

    def element_at(self, at):
        lo, hi = 0, len(self.texts)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.texts[mid][0] <= at:
                lo = mid
            else:
                hi = mid
        return self.texts[lo][1] if self.texts else None

    def near(self, at, near):
        below = 7
        for start, end, level in reversed(self.heads):
            if start > at or level >= below:
                continue
            if near.search(self.text, start, end if end is not None else self.len):
                return True
            below = level
        return False


def within_ok(el, names):
    while el is not None and names is not None:
        if el.name in names:
            return True
        el = el.parent
    return True if names is None else False


def rule_met(page, rule):
    for href_el, href in page.links:
        if any(link_matches(href, link) for link in rule.links):
            return True
    for phrase in rule.phrases:
        for m in phrase.finditer(page.text):
            el = page.element_at(m.start())
            if el is not None and within_ok(el, rule.within) and (
                    not rule.near or page.near(m.start(), rule.near)):
                return True
    return False


def walk_site(path):
    """The pages of a site in patuh's order: each folder's names in byte order."""
    if os.path.isdir(path):
        for name in sorted(os.listdir(path), key=lambda s: s.encode()):
            if not name.startswith("."):
                yield from walk_site(os.path.join(path, name))
    elif path.lower().endswith(PAGE_EXTS):
        yield path


def scan_site(site, rules):
    found, seen = {}, set()
    for path in walk_site(site):
        with open(path, "rb") as f:
            data = f.read()
        if data in seen:
            continue
        seen.add(data)
        page = Page(BeautifulSoup(data, "lxml"))
        for rule in rules:
            if rule.name not in found and rule_met(page, rule):
                found[rule.name] = path
    return found


def patuh_found(path):
    """Per agency, the page each rule was met on, from patuh's proposed answers."""
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = {}
    for item in doc["agencies"]:
        got = out.setdefault(item["agency"]["id"], {})
        for answer in item["answers"].values():
            for ev in answer.get("evidence") or []:
                name, rest = ev.split(": ", 1)
                got[name] = rest.split(" | ", 1)[0]
    return out


def main(argv):
    check, args = None, []
    it = iter(argv)
    for a in it:
        if a == "--check":
            check = next(it)
        else:
            args.append(a)
    if len(args) < 2:
        sys.exit(__doc__)
    rules = load_rules(args[0])
    mine = {}
    for site in args[1:]:
        mine[os.path.basename(site.rstrip("/"))] = scan_site(site, rules)
    met = sum(len(v) for v in mine.values())
    print("peer: %d sites, %d rules met" % (len(mine), met))
    if check:
        theirs = patuh_found(check)
        bad = [(s, mine[s], theirs.get(s)) for s in mine if mine[s] != theirs.get(s)]
        for s, m, t in bad[:5]:
            print("differs at %s:\n  peer  %s\n  patuh %s" % (s, sorted(m.items()),
                                                            sorted((t or {}).items())))
        if bad:
            sys.exit("peer: %d of %d sites differ from patuh" % (len(bad), len(mine)))
        print("peer: the same findings as patuh")


if __name__ == "__main__":
    main(sys.argv[1:])
