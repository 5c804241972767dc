"""Names the glossary lacks: found in articles, checked against the gazetteer and the known
entries' spellings, drafted as new entries or added as aliases (``briefing candidates``)."""
