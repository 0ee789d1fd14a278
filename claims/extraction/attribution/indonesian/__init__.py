"""Indonesian attribution: who claims what in a news article.

`reader` walks the article sentence by sentence; `clauses` bounds a claim's words,
`speakers` reads the speaker around a cue, `names` tells names from titles, `patterns`
holds the rarer patterns, `memory` remembers who has spoken, `lexicon` the word lists.
"""

from .reader import find_attributions

__all__ = ["find_attributions"]
