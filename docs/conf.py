"""The briefing book: Sphinx configuration."""

project = "ملف إحاطة: روسيا وكوريا الشمالية"
author = "فريق sphinx-briefing"
copyright = "2026، فريق sphinx-briefing"
version = release = "2026.1"

extensions = ["briefing", "myst_parser"]

language = "ar"
html_theme = "sphinx_book_theme"
html_title = project
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}
html_last_updated_fmt = ""

# Articles come from ../seeds through the docs/articles link.
exclude_patterns = ["_build"]

# Build the PDF with the HTML and offer it for download on the landing page.
briefing_pdf_in_html = True
