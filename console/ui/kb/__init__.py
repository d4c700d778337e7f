"""The knowledge base in the console: the knowledge page (search, viewer, feedback, edits), the
review page, and the text an article puts into a reply. Loaded after the first paint."""
