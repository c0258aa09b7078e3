"""What several nouns use, in one place that says so (gh's ``pkg/cmd/pr/shared`` is the model).

Not a noun: no commands, endpoints or handlers. One module per topic, each public; a noun reaches
another noun only for its wire description (``messages``, ``endpoints``), its calls (``calls``,
``sdk``) or through this package (``tests/foundation/test_import_graph.py`` checks it).

* :mod:`.instance_text` — pgo's instance tables of ``scaledown``, ``failover`` and ``restart --query``;
* :mod:`.instance_waits` — ``--wait`` judgements of a cluster's instances (scale, scaledown,
  failover, restart, upgrade, create cluster, restore, migrate);
* :mod:`.pgbouncer_pgadmin` — what the pgBouncer and pgAdmin commands share;
* :mod:`.backup_options` — pgBackRest/pg_dump option rules of backup, restore and schedule (both
  ends of the wire).
"""
