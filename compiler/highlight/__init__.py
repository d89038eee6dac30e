"""Highlighting of guideline files, derived from the grammar: the language's keywords and terminals
(`grammar_terms`), a Pygments lexer registered as `guideline` (`lexer`, used by the site's code blocks) and the
TextMate grammar for VS Code and other editors (`textmate`, written to editors/vscode/syntaxes/)."""
