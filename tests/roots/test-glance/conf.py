extensions = ["sphinx_briefing", "myst_parser"]
language = "ar"
html_theme = "sphinx_book_theme"
project = "Seed book"
exclude_patterns = ["_build"]
briefing_glossary_dir = "glossary"
author = "فريق sphinx-briefing"
version = release = "2026.1"
briefing_source_root = "../../.."  # the articles are the repository's seeds/ (a link)
