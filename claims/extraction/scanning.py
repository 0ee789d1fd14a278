"""`finditer`: the same matches as `pattern.finditer(text)`, found faster for long alternations.

Python's regex engine tries every alternative of a pattern at every position of the text,
unless the whole pattern starts with a literal or a character class it can skip to. A large
alternation of shapes, most of them starting at a word boundary (the gap flagger's), is
therefore slow: most of the time goes to positions where no alternative can start.

Here the characters that can start a match are read off the pattern once (each first
character a match can consume, and whether a word boundary must stand before it), as a
one-character "candidate" regex the engine scans quickly. The pattern is then matched only
at candidate positions, left to right, resuming after each match, exactly as `finditer`
does. Patterns this cannot read (back-references, `.`, case-insensitive, or able to match
the empty string), and those that may start at nearly any character (at a space, at any
letter), are scanned with `pattern.finditer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

try:  # the standard library's own parser of regular expressions (named sre_parse before 3.11)
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Pythons: fall back to plain scanning
    _sre_parse = None


class _Unreadable(Exception):
    """The pattern holds something whose first character cannot be bounded cheaply."""


def finditer(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Yield the matches `pattern.finditer(text)` yields, in order, with the same groups."""
    candidates = _candidates(pattern)
    if candidates is None:
        yield from pattern.finditer(text)
        return
    match = pattern.match
    resume = 0
    for candidate in candidates.finditer(text):
        at = candidate.start()
        if at < resume:
            continue
        m = match(text, at)
        if m is not None:
            resume = m.end()  # never empty: patterns that can match nothing are not handled here
            yield m


@lru_cache(maxsize=64)
def _candidates(pattern: re.Pattern) -> re.Pattern | None:
    """A regex of one character that matches wherever `pattern` may start a match; None when unknown."""
    if _sre_parse is None or not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.DOTALL):
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        starts, can_be_empty, _ = _first(list(parsed), None)
    except (_Unreadable, re.error, RecursionError):
        return None
    if can_be_empty or not starts or any(_broad(cls) for _, cls in starts):
        return None
    anywhere = {cls for before, cls in starts if before is None}
    branches = []
    for before, prefix in ((_BOUNDARY, r"\b"), (_NOT_AFTER_WORD, r"(?<!\w)")):
        classes = {cls for b, cls in starts if b == before} - anywhere
        if classes:
            branches.append(f"{prefix}(?:{_union(classes)})")
    if anywhere:
        branches.append(_union(anywhere))
    return re.compile("|".join(branches))


def _broad(cls: str) -> bool:
    """A class that holds spaces or whole categories: nearly every position would be a candidate."""
    return cls.startswith("[^") or _char(ord(" ")) in cls or any(f"\\{c}" in cls for c in "wWsSdD")


def _union(classes: set[str]) -> str:
    """One regex for any of the classes: the plain ones merged into one class, negated ones beside it."""
    plain = "".join(sorted(cls[1:-1] for cls in classes if not cls.startswith("[^")))
    negated = sorted(cls for cls in classes if cls.startswith("[^"))
    return "|".join(([f"[{plain}]"] if plain else []) + negated)


# What is known of the position where a match starts, from its zero-width assertions:
_BOUNDARY = "boundary"  # `\b`
_NOT_AFTER_WORD = "not after a word character"  # `^`, `(?<=\s)`, `(?<![\w])` ...


def _first(items: list, before: str | None) -> tuple[list[tuple[str | None, str]], bool, str | None]:
    """The classes of the first character a sequence of parsed items can consume.

    Returns those classes, each with what its path asserts about the position before it
    (`_BOUNDARY`, `_NOT_AFTER_WORD` or None), whether the sequence can match the empty
    string, and what it asserts about the position when it consumed nothing. Other
    zero-width assertions are passed over: a superset of the start positions is enough.
    """
    found: list[tuple[str | None, str]] = []
    for op, av in items:
        if op is _c.AT:
            if av is _c.AT_BOUNDARY:
                before = _BOUNDARY
            elif av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING) and before is None:
                before = _NOT_AFTER_WORD
            continue
        if op is _c.ASSERT or op is _c.ASSERT_NOT:
            if before is None and _after_non_word(op, av):
                before = _NOT_AFTER_WORD
            continue
        if op is _c.LITERAL:
            found.append((before, f"[{_char(av)}]"))
            return found, False, None
        if op is _c.NOT_LITERAL:
            found.append((before, f"[^{_char(av)}]"))
            return found, False, None
        if op is _c.IN:
            found.append((before, _class(av)))
            return found, False, None
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & (re.IGNORECASE | re.DOTALL):
                raise _Unreadable
            inner, empty, after = _first(list(sub), before)
        elif op is _c.ATOMIC_GROUP:
            inner, empty, after = _first(list(av), before)
        elif op is _c.BRANCH:
            inner, empty, afters = [], False, set()
            for alternative in av[1]:
                more, alternative_empty, alternative_after = _first(list(alternative), before)
                inner += more
                if alternative_empty:
                    empty = True
                    afters.add(alternative_after)
            after = afters.pop() if len(afters) == 1 else before
        elif op is _c.MAX_REPEAT or op is _c.MIN_REPEAT or op is _c.POSSESSIVE_REPEAT:
            low, _high, sub = av
            inner, empty, _ = _first(list(sub), before)
            empty, after = empty or low == 0, before
        else:  # ANY, GROUPREF, GROUPREF_EXISTS, ...
            raise _Unreadable
        found += inner
        if not empty:
            return found, False, None
        before = after
    return found, True, before


def _after_non_word(op, av) -> bool:
    r"""`(?<=\s)`, `(?<=[ (])`, `(?<!\w)`: the character before, if any, is not a word character."""
    direction, sub = av
    if direction != -1:
        return False
    sub = list(sub)
    if len(sub) != 1:
        return False
    item_op, item = sub[0]
    if op is _c.ASSERT_NOT:  # `(?<!\w)`
        return item_op is _c.IN and item == [(_c.CATEGORY, _c.CATEGORY_WORD)]
    if item_op is _c.LITERAL:
        return not _is_word(chr(item))
    if item_op is _c.IN:
        return all(
            (kind is _c.LITERAL and not _is_word(chr(value))) or (kind is _c.CATEGORY and value is _c.CATEGORY_SPACE)
            for kind, value in item
        )
    return False


def _is_word(char: str) -> bool:
    return bool(re.match(r"\w", char))


_CATEGORIES = {
    _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W", _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
} if _sre_parse is not None else {}


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _class(items: list) -> str:
    """A parsed character class written back as a regex class."""
    parts = []
    for op, av in items:
        if op is _c.NEGATE:
            parts.append("^")
        elif op is _c.LITERAL:
            parts.append(_char(av))
        elif op is _c.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            raise _Unreadable
    return f"[{''.join(parts)}]"
