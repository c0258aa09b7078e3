"""pgo scale and scaledown: add replicas to a cluster, remove one, list the candidates."""
