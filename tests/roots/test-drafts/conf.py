# Draft glossary entries: one reviewed entry (Wonsan) and one draft (the Hwasong-19 missile,
# of the sixth type, "other"), both mentioned in one article. The basic theme keeps it fast.
extensions = ["sphinx_briefing"]
language = "ar"
html_theme = "basic"
project = "Drafts"
exclude_patterns = ["_build"]
briefing_glossary_dir = "glossary"
