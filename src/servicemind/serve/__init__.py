"""The HTTP API: real-time scoring of a draft reply, and analysis of conversations.

    servicemind serve --port 8000          # needs the ``serve`` extra

See docs/serve.md. :func:`create_app` builds the Starlette application for embedding.
"""

from servicemind.serve.app import create_app

__all__ = ["create_app"]
