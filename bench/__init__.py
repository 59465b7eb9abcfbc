"""The benchmark: ``python -m bench`` generates a demo corpus and times every stage.

Stages: the raw floor (read + one regex split), the full ingest (a subprocess of
the real CLI, peak memory polled with psutil), an unchanged re-ingest, one new
digest, every dashboard query, every page render, dashboard start-up, and the
pandas + jieba.posseg baseline a user would otherwise reach for.
"""
