"""Output writers: how the extension's nodes appear in each format."""
