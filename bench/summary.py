"""One row per measured quantity for the results-against-targets table of BENCHMARKS.md.

Each benchmark script calls :func:`record` with its rows; ``bench/run.py`` reads them all
back (:func:`load_all`) and writes one table with the targets beside the results.
"""
import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def row(what, result, target, ok, ref=""):
    """A table row: what was measured, the result, the target (text), met or not, the reference."""
    return {"what": what, "result": result, "target": target, "ok": bool(ok), "reference": ref}


def record(name, rows):
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(rows, indent=1) + "\n")


def load_all(order=("import", "explorers", "browser", "course", "pourbaix", "nernst_planck", "grader")):
    found = {p.stem: json.loads(p.read_text()) for p in sorted(RESULTS.glob("*.json"))}
    names = [n for n in order if n in found] + [n for n in found if n not in order]
    return [r for n in names for r in found[n]]


def table(rows):
    lines = ["| what | result | target | met | reference run (same process) |", "|---|---|---|---|---|"]
    lines += [f"| {r['what']} | {r['result']} | {r['target']} | {'yes' if r['ok'] else '**NO**'} | "
              f"{r.get('reference', '')} |" for r in rows]
    return "\n".join(lines)
