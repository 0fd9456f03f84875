"""Shared test settings.

Hypothesis: no per-example deadline. The suite runs on two loaded cores next to
notebook kernels and a browser, so a wall-clock deadline would fail at random;
speed is measured in the benchmarks (bench/), not asserted here.
"""
from hypothesis import settings

settings.register_profile("echemlab", deadline=None)
settings.load_profile("echemlab")
