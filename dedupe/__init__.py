"""Dedupe: group articles into canonical events (embeddings + language-independent signals)."""
