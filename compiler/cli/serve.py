"""`glc serve`: the checker service and the scenario desk over the project's generated checkers (`compiler.service`).

Checks that the address can be listened on (otherwise one line and exit 2), loads the programs (generated/ must
be fresh, as for `glc eval`: otherwise one line and exit 1), then runs uvicorn until Ctrl-C. Logs go to
stderr as JSON lines: the access log (one line per request) and the server's own messages.
"""

from __future__ import annotations

import errno
import json
import logging
import logging.config
import os
import socket
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from compiler.cli.invocation import invocation
from compiler.cli.render import err_console
from compiler.project import Project, ProjectError


class JsonLines(logging.Formatter):
    """A record as one JSON object; the access log's records are JSON objects already and pass as they are."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.name == "glc.access":
            return message
        return json.dumps({"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname.lower(),
                           "logger": record.name, "message": message[:2000]}, ensure_ascii=False)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": JsonLines}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "loggers": {
        "glc": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}


def serve(
    host: Annotated[str, typer.Option("--host", help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The port to listen on.")] = 8000,
    project: Annotated[Path | None, typer.Option("--project", metavar="DIR", help="The project folder (as glc's own "
                                                 "--project; default: the nearest with a glc.toml).")] = None,
) -> None:
    """Serve the generated checkers over HTTP (JSON API, OpenAPI at /openapi.json) and the scenario desk at /."""
    inv = invocation()
    if project is not None:
        try:
            proj = Project.find(inv.here, project)
        except ProjectError as err:
            err_console().print(Text(str(err)))
            raise typer.Exit(2) from None
        os.chdir(proj.root)  # as every command: glc works in the project's folder
    else:
        proj = inv.project()
    raise typer.Exit(run_serve(proj, host, port))


def run_serve(project: Project, host: str, port: int) -> int:
    import uvicorn

    from compiler.service.app import create_app
    from compiler.service.registry import Registry

    err = err_console()
    problem = _cannot_listen(host, port)
    if problem:
        err.print(Text(problem))
        return 2
    registry = Registry(project)
    if not registry.load():
        err.print(Text(registry.problem or "The programs cannot be loaded."))
        return 1
    logging.config.dictConfig(LOGGING)
    app = create_app(project, registry=registry)
    uvicorn.run(app, host=host, port=port, log_config=None, access_log=False, server_header=False,
                date_header=True, timeout_graceful_shutdown=5)
    return 0


def _cannot_listen(host: str, port: int) -> str | None:
    """A sentence when `host:port` cannot be listened on (in use, not an address of this machine), else None."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return f"--host {host}: not an address or a name this machine can resolve."
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"Cannot listen on {host}:{port}: the port is in use; give another with --port."
            return f"Cannot listen on {host}:{port}: {exc.strerror or exc}."
    return None
