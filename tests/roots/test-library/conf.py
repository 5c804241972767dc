# A fast root for behaviour tests: the basic theme, three dated articles.
extensions = ["sphinx_briefing"]
language = "ar"
html_theme = "basic"
project = "Library"
exclude_patterns = ["_build"]
