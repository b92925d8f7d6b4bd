"""Projects (issue 15): an accepted idea becomes a project with a leader, a team, experts and a result.

Each part keeps its handlers in a module of its own (join, leader, experts, calls, survey, ...); their buttons,
keyboards and dialogue states are in this package's ``callbacks.py``, ``keyboards.py`` and ``states.py``.
"""
