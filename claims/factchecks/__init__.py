"""Published fact-checks of other organisations: read from ClaimReview markup, stored, imported as jobs.

`markup` is pure Python (pages and DataFeeds -> `Review` dataclasses); `services` stores them and runs
the import items; `admin` and the `import_factchecks` command are the interfaces.
"""
