"""End-to-end tests of the installed ``pgo`` against a real ``pgo-emulator`` over mutual TLS: the
``emulator`` and ``make_emulator`` fixtures are the whole suite's (tests/conftest.py)."""
