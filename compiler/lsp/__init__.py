"""`glc lsp`: the language server (pygls), for editors.

One module per job: `server` wires the LSP requests to the others; `documents` checks each open document in its
project as `glc check` would (unsaved text of open documents in preference to disk); `positions` converts spans
and positions; `diagnostics` turns the driver's diagnostics into LSP ones; `resolve` maps a cursor position to
what is there (IR nodes by their spans, else the name under the cursor); `hover`, `completion` (with `expected`,
the terminals the Lark parser accepts next), `definition` and `symbols` answer the requests.
"""
