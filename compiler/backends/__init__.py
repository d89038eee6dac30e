"""Back ends: each turns the checked IR into files (Python checkers, documentation pages, SQL)."""
