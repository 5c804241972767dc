# The book's theme with the Font Awesome subset: sphinx-book-theme, two pages for the icons.
extensions = ["sphinx_briefing"]
language = "ar"
html_theme = "sphinx_book_theme"
html_theme_options = {"use_download_button": False, "use_fullscreen_button": False}
project = "Icons"
exclude_patterns = ["_build"]

