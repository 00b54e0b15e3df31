"""Incidents: which articles report one real-world event, decided without a database.

``cluster`` holds the pure clustering (sketches of events and incidents, the evidence score,
incremental assignment and a full rebuild that honours people's corrections); the store
persists its results and the queries read them.
"""
