extensions = ["sphinx_briefing", "myst_parser"]
language = "ar"
html_theme = "sphinx_book_theme"
project = "كتاب البذرة"
author = "فريق sphinx-briefing"
copyright = "2026، فريق sphinx-briefing"
version = release = "2026.1"
exclude_patterns = ["_build"]
briefing_glossary_dir = "glossary"
briefing_source_root = "../../.."  # the articles are the repository's seeds/ (a link)

# As docs/conf.py: an EPUB 3 whose pages turn right to left.
epub_basename = "seed"
epub_writing_mode = "horizontal"
epub_uid = epub_identifier = "seed-0b9e2f2c-6d0e-5a47-9d0c-3f1f5b0b6c11"
epub_description = "كتاب صغير للاختبار."
epub_contributor = author
epub_show_urls = "no"
