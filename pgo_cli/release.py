"""The versions: this package's, and the pgo release whose wire protocol it speaks.

A leaf module (it imports nothing), so that everything below :mod:`pgo_cli` can read them without
importing the package's ``__init__``, which sits above everything (it re-exports ``Client``).
"""

__version__ = "0.1.0"

#: The pgo release whose wire protocol this client speaks (``ClientVersion`` in request bodies).
PGO_VERSION = "4.7.4"
