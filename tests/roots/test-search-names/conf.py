# Names and search: the seed article, an article about figs (التين, the word the light
# stemmer used to make of بوتين) and one with Putin in its headline. The basic theme keeps
# it fast.
extensions = ["sphinx_briefing"]
language = "ar"
html_theme = "basic"
project = "Names"
exclude_patterns = ["_build"]
briefing_glossary_dir = "glossary"
html_show_search_summary = False
