"""The briefing book: Sphinx configuration."""

project = "ملف إحاطة: روسيا وكوريا الشمالية"
author = "فريق sphinx-briefing"
copyright = "2026، فريق sphinx-briefing"
version = release = "2026.1"

extensions = ["sphinx_briefing", "myst_parser"]

language = "ar"

# The English edition (`make html-en`, `make pdf-en`) is this book built with language = "en"
# from the translations in ../locales/en/LC_MESSAGES (`make gettext`, then `make translations`).
locale_dirs = ["../locales"]
briefing_project_translations = {"en": "Briefing book: Russia and North Korea"}
briefing_author_translations = {"en": "The sphinx-briefing team"}
# Inside the Arabic book, each paragraph carries its English translation (the parallel view).
briefing_parallel_language = "en"
html_theme = "sphinx_book_theme"
html_title = project
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}
html_last_updated_fmt = ""

# No Sphinx search summaries: for every result, searchtools.js downloads the whole page to
# cut a snippet from it. With 100 articles that is up to 100 pages (17 MB) and 1-3 s per
# query; with 1,000, ~10 s of a 30 s query. They are redundant: the extension's search.js
# lists each article's matching paragraphs (number, permalink, snippet), loaded lazily,
# and a glossary page's matching entries; Sphinx's snippet repeated one of those
# paragraphs. Results without paragraph hits keep their title (for an article, the
# headline that holds the word). Measurements: benchmarks/README.md.
html_show_search_summary = False

# Articles come from ../seeds through the docs/articles link.
exclude_patterns = ["_build"]

# Build the PDF with the HTML and offer it for download on the landing page.
briefing_pdf_in_html = True
