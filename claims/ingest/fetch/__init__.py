"""Fetch pages and feeds over HTTP(S), refusing what a newsroom tool must not load.

`transport.fetch_page(url)` returns a `FetchedPage` or raises a `FetchError` (see `errors`)
whose message is meant for the user. `policy` decides which addresses may be reached,
`politeness` spaces out requests to one site.
"""
