"""Screening loan tapes: reading tapes (`tape`), engines (`engines`), result rows (`rows`), sample tapes (`sample`)."""
