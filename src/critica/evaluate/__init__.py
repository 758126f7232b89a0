"""Evaluation harness: the protocols of DESIGN.md over the public data sets, ours beside peers.

Every task produces an :class:`~critica.evaluate.table.EvalTable`; ``critica eval`` prints it
and writes it as JSON.

    run.py      run_eval(task, EvalOptions) -> [EvalTable]; the task names
    tasks.py    mr, polarity, sst2, scale (cross-validation helpers, --sample draws)
    rt.py       rt (per review, with grades) and rt-films (percent fresh, quantification)
    models.py   the registry of our models (MODELS) and the peers (PEERS)
    crossfit.py critica-stack's cross-fitted encoder features (--encoder-cache)
    metrics.py  accuracy, ECE (15 bins), Pearson r, the label files' class cuts
    facts.py    the facts task on a gold corpus
"""
