"""What several nouns use, in one place that says so (gh's ``pkg/cmd/pr/shared`` is the model).

Not a noun: no commands, endpoints or handlers. One module per topic. A noun may use another
noun's public names (its messages, endpoints, calls …) but never its ``_private`` ones, nor this
package's (``tests/foundation/test_import_graph.py`` checks both): a helper several nouns need
lives here, public.

* :mod:`.instance_text` — pgo's instance tables of ``scaledown``, ``failover`` and ``restart --query``;
* :mod:`.instance_waits` — ``--wait`` judgements of a cluster's instances (scale, scaledown,
  failover, restart, upgrade, create and delete cluster, restore, migrate);
* :mod:`.pgbouncer_pgadmin` — what the pgBouncer and pgAdmin commands share;
* :mod:`.results` — pgo's text of the answers whose message is their ``Results`` lines (backup,
  schedule, namespace, label, policy, pgorole, pgouser, upgrade, update cluster, pgbouncer,
  pgadmin);
* :mod:`.backup_options` — pgBackRest/pg_dump option rules of backup, restore and schedule (both
  ends of the wire).
"""
