"""Telling a file's type from its first bytes, without loading a PDF library (the bot process sniffs too)."""

SNIFF_BYTES = 1024


def looks_like_pdf(head: bytes) -> bool:
    """True if ``%PDF-`` appears within the first 1024 bytes (what PDF readers accept)."""
    return b"%PDF-" in head[:SNIFF_BYTES]
