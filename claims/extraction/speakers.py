"""Whether a speaker's name is a person's or an organisation's."""

from __future__ import annotations

import re

# Head words of organisation names in Indonesian and English news.
_ORGANISATION_WORDS = re.compile(
    r"\b(kantor|kementerian|kemenlu|pemerintah|polisi|polri|polda|polres|kepolisian|tni|dpr|mpr|kpk|bnn|bpk|"
    r"badan|lembaga|dinas|partai|komisi|dewan|pengadilan|mahkamah|kejaksaan|universitas|perusahaan|pt|"
    r"rumah sakit|pbb|asosiasi|organisasi|yayasan|militer|tentara|pasukan|gedung putih|istana|"
    r"office|ministry|department|government|police|agency|commission|council|committee|court|party|"
    r"university|company|corporation|inc|ltd|association|organization|organisation|foundation|"
    r"white house|pentagon|campaign|administration|army|military|network|times|post|news|reuters|"
    r"associated press|cnn|bbc|fbi|cia|un|eu|nato|hamas|hizbullah|hezbollah)\b",
    re.IGNORECASE,
)


def speaker_kind(name: str) -> str:
    """Return "organisation" when the name reads as a body, else "person"."""
    return "organisation" if _ORGANISATION_WORDS.search(name) else "person"
