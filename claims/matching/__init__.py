"""Claim matching: link each claim to the same statement reported again.

`text` is pure Python (normalised keys, stems, numbers, similarity); `services` stores the
links and the reviewers' decisions; `selectors` reads them (families, repeat flags).
"""
