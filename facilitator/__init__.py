"""facilitator: run an intervisie meeting on parent-teacher 10-minute talks."""

__version__ = "0.1.0"
