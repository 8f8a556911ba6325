"""Innovationsportföljen: the engine-neutral core.

Everything here is plain Python: the content model, loading and validation,
aggregation and exports. The MkDocs glue lives in ``hooks/`` and only calls
into this package, so the core can move to another engine.
"""
