"""Article extraction shared by the spiders and ``newsmon extract``."""
