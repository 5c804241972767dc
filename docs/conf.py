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
# The editors' note at the foot of each article: names the glossary lacks.
briefing_show_unlinked = True

# The e-book (`make epub`, build/epub/briefing.epub): EPUB 3 whose pages turn right to left
# (the extension writes page-progression-direction="rtl" for a horizontal book in Arabic).
epub_basename = "briefing"
epub_writing_mode = "horizontal"
# The book's identifier; Sphinx also writes epub_uid into toc.ncx, where it must be the same.
epub_uid = epub_identifier = "briefing-46fa7373-b08f-5782-8688-e0a8d40b3e86"
epub_description = (
    "ملف إحاطة عن التقارب بين روسيا وكوريا الشمالية: المقالات والمسرد والملف في لمحة."
)
epub_contributor = author
# Links stay links; their addresses are not printed after them.
epub_show_urls = "no"
