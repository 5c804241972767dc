# Hover previews and search: one article links Wonsan (whose short description names
# Lavrov) without naming Lavrov, another names him. The basic theme keeps it fast.
extensions = ["sphinx_briefing"]
language = "ar"
html_theme = "basic"
project = "Previews"
exclude_patterns = ["_build"]
briefing_glossary_dir = "glossary"
html_show_search_summary = False
