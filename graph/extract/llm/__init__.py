"""The LLM extractor (:mod:`.extractor`) and its parts: the chat client, the answer cache, the
prompt, the checks every triple passes, the chunking of long texts, and the defaults.

Importing the package loads none of them: the command line reads :mod:`.defaults` for its
help without loading the HTTP client.
"""
