"""``pgo doctor``: a step-by-step check of the connection to the apiserver."""
