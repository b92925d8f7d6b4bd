"""Benchmarks of the bot against the fake Bot API server: run each as ``python -m bench.<name>`` from the project
root (see bench/README.md). Their shared parts are in ``bench.harness``."""
