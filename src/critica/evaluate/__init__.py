"""Evaluation harness: the protocols of DESIGN.md over the public data sets, ours beside peers.

Every task produces an :class:`~critica.evaluate.table.EvalTable`; ``critica eval`` prints it
and writes it as JSON.
"""
