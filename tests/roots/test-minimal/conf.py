# A fast root for behaviour tests: the basic theme, articles written by each test.
extensions = ["sphinx_briefing"]
language = "ar"
html_theme = "basic"
project = "Minimal book"
exclude_patterns = ["_build"]
