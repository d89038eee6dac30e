"""The guideline compiler: guideline files in, checked IR, Python checkers and documentation out."""

__version__ = "0.1.0"
