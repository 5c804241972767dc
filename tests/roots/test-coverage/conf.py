extensions = ["sphinx_briefing"]
language = "ar"
html_theme = "sphinx_book_theme"
project = "Coverage book"
exclude_patterns = ["_build"]
briefing_glossary_dir = "glossary"
briefing_source_root = "."
briefing_show_unlinked = True
