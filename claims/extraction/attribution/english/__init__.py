"""English attribution: who says what, from cue verbs and the phrases around them.

`reader` walks the article unit by unit; `units` cuts it into quote-aware sentences,
`cues` finds the cue words, `frames` turns each cue into a speaker and a content side,
`content` bounds the content, `speakers` names and resolves speakers, `gender` guesses
which pronoun a name takes, `lexicon` holds the word lists.
"""

from .reader import find_attributions

__all__ = ["find_attributions"]
