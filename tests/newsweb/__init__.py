"""Offline fixture news web for newsmon tests (stdlib only). See README.md."""
from .server import DEFAULT_ROOT, NewsWeb

__all__ = ["NewsWeb", "DEFAULT_ROOT"]
