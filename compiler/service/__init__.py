"""The checker service (`glc serve`): the generated checkers over HTTP, and the scenario desk in the browser.

    app.py        the FastAPI application: endpoints, problem handlers (`create_app`)
    answer.py     a loan in, an answer out: the JSON `glc eval` / `glc explain` print (`compiler.answers`)
    registry.py   the programs served (generated package + checked IR), reloaded safely when generated/ changes
    problems.py   RFC 9457 problem details; the request body read with a size limit
    edge.py       request ids, security headers (CSP), the JSON-lines access log, the last-resort 500
    openapi.py    the OpenAPI document: Loan (the generated model), Decision, Problem
    desk.py       the scenario desk at `/` (templates/desk.html.j2, static/desk.css)
    docs_page.py  `/docs`, the API page (templates/docs.html.j2, static/docs.js)
"""

import logging

# A library logs and leaves the handlers to the program: `glc serve` (compiler/cli/serve.py) writes JSON lines.
logging.getLogger("glc").addHandler(logging.NullHandler())
