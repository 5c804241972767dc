"""The briefing at a glance: figures drawn at build time from the articles and the glossary."""
