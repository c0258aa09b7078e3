"""Output renderers: they only format and write to the stream they are given.

* :mod:`.pgo_text` — pgo 4.7.4's exact text (``-o pgo``);
* :mod:`.table` — rich tables for terminals (``-o table``; imports rich only when used);
* :mod:`.json_out` — one JSON document per invocation (``-o json``);
* :mod:`.names` — one cluster name per line (``-o name``).
"""
