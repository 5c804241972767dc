# Interrupted builds: three articles with sections and glossary mentions, a glossary page,
# and a test-only extension (interrupt.py) that ends the build where an environment variable
# says. The basic theme keeps it fast.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

extensions = ["sphinx_briefing", "interrupt"]
language = "ar"
html_theme = "basic"
project = "Recovery"
exclude_patterns = ["_build"]
briefing_glossary_dir = "glossary"
