extensions = ["briefing"]
language = "ar"
html_theme = "sphinx_book_theme"
project = "Seed book"
exclude_patterns = ["_build"]
