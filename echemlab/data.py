"""Loader for the course's data files.

Every table in ``echemlab/data/`` is a CSV file whose rows each carry a
``source`` key; the key must be defined in ``references.csv`` (key, citation,
doi). Lines starting with ``#`` are comments (units, notes). A table without a
source on every row does not load: data without provenance is a bug here.

>>> row = load_table("intercalation")["LiFePO4"]
>>> row["source"]
'bai2011'
>>> "Nano Lett" in citation(row["source"])
True
"""
import csv
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def _read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def _convert(value):
    value = value.strip()
    try:
        return float(value)
    except ValueError:
        return value


@lru_cache(maxsize=None)
def references():
    """All references: ``{key: {"citation": ..., "doi": ...}}``."""
    refs = {}
    for path in sorted(DATA_DIR.glob("references*.csv")):
        for r in _read_csv(path):
            key = r["key"].strip()
            if key in refs:
                raise ValueError(f"reference key {key!r} defined twice ({path.name})")
            refs[key] = {"citation": r["citation"].strip(), "doi": (r.get("doi") or "").strip()}
    return refs


def citation(key):
    """The full citation of reference ``key`` (with its DOI when known)."""
    refs = references()
    if not isinstance(key, str) or key not in refs:
        raise ValueError(f"unknown reference key {key!r}; known keys: {sorted(refs)}")
    ref = refs[key]
    return ref["citation"] + (f" https://doi.org/{ref['doi']}" if ref["doi"] else "")


@lru_cache(maxsize=None)
def _load(name):
    path = DATA_DIR / f"{name}.csv"
    if not path.is_file():
        known = sorted(p.stem for p in DATA_DIR.glob("*.csv") if not p.stem.startswith("references"))
        raise ValueError(f"unknown data table {name!r}: name must be one of the data tables {known}")
    rows = _read_csv(path)
    if not rows or "source" not in rows[0] or "id" not in rows[0]:
        raise ValueError(f"data table {name!r} needs 'id' and 'source' columns")
    refs = references()
    table = {}
    for i, raw in enumerate(rows, start=1):
        src = (raw.get("source") or "").strip()
        if src not in refs:
            raise ValueError(f"{path.name} row {i}: source {src!r} is not a key of references.csv")
        table[raw["id"].strip()] = {k.strip(): _convert(v or "") for k, v in raw.items()}
    return table


def load_table(name):
    """Rows of data table ``name`` keyed by their ``id`` column (a fresh copy)."""
    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
        known = sorted(p.stem for p in DATA_DIR.glob("*.csv") if not p.stem.startswith("references"))
        raise ValueError(f"unknown data table {name!r}: name must be one of the data tables {known}")
    return {k: dict(v) for k, v in _load(name).items()}
