"""Tables 1, 2, 3 and 4: their rows (bench/rows.py) timed with the one
harness (bench/harness.py), estimates scaled, and every row's answer checked
against the others before a figure is kept."""

from __future__ import annotations

from typing import Any, Dict, List

import crossover
import harness
import rows as R
from console import progress, say
from contestants import Contestants


def _labelled(stats: Dict[str, harness.Stats], rows: List[R.Row], **values: Any) -> Dict[str, Any]:
    """The results JSON's table: each row's figures and its label."""
    label = R.labels(rows)
    return {row_id: dict(s.row(), label=label[row_id].format(**values)) for row_id, s in stats.items()}


def _whole_calls(rows: List[R.Row], found: Contestants, inputs: R.Inputs, repeats: int,
                 description: str) -> Dict[str, harness.Stats]:
    """Every available row timed call by call, interleaved; estimates scaled."""
    timed = R.chosen(rows, found, inputs)
    short = [row.id for row in rows if row.short and row.id in timed]
    bar = progress(harness.samples_count(timed, repeats, short), description)
    stats = harness.interleave(timed, repeats, short=short, bar=bar)
    bar.close()
    scale = {row.id: row.scale for row in rows}
    return {row_id: s.scaled(scale[row_id](inputs)) if scale.get(row_id) else s for row_id, s in stats.items()}


def table1(found: Contestants, size: Dict[str, Any]) -> Dict[str, Any]:
    """ns per call of gsum(100)."""
    timed = R.chosen(R.TABLE1, found, {})
    calls, repeats = size["calls"], size["call_repeats"]
    bar = progress(repeats * len(timed), "table 1: per call")
    stats = harness.interleave(timed, repeats, arguments=(100,), number={row_id: calls for row_id in timed}, bar=bar)
    bar.close()
    table = _labelled(stats, R.TABLE1)
    python = table["python"]["median"]
    for row_id, row in table.items():
        assert row_id == "floor" or row["result"] == 5050, (row_id, row["result"])
        row["vs_python"] = row["median"] / python
    return table


def table2(found: Contestants, size: Dict[str, Any], native: Dict[str, Any]) -> Dict[str, Any]:
    """The Collatz loop, k iterations from 27; `native` is the bench
    binary's run of the same loop without FFI."""
    inputs = R.inputs2(size)
    k = inputs["k"]
    say(f"table 2: the Collatz loop, {k:,} iterations from 27 ...")
    stats = _whole_calls(R.TABLE2, found, inputs, size["loop_repeats"], "table 2: loops")
    stats["native"] = harness.Stats([float(s) for s in native["seconds"]], result=native["result"])
    table = _labelled(stats, R.TABLE2 + [R.NATIVE_LOOP], py_k=inputs["py_k"], ctypes_k=inputs["ctypes_k"])
    python = table["python"]["median"]
    for row in table.values():
        row["result"] = int(row["result"])
        row["ns_per_iteration"] = row["median"] / k * 1e9
        row["speedup"] = python / row["median"]
    results = {row["result"] for row in table.values()}
    assert len(results) == 1, f"the rows disagree: {results}"
    return table


def doubled_loop(found: Contestants, size: Dict[str, Any]) -> Dict[str, Any]:
    """hotloop's loop at twice table 2's k: its time must double."""
    k = size["loop_k"]
    stats = harness.interleave({"hotloop": lambda: found.hotloop.collatz_loop(27, 2 * k)}, size["loop_repeats"])
    return stats["hotloop"].row()


def table3(found: Contestants, size: Dict[str, Any]) -> Dict[str, Any]:
    """collatz_steps_many and collatz_longest against pure Python and numba."""
    inputs = R.inputs3(size, found.np)
    say(f"table 3: collatz_steps_many over 1..{inputs['many']:,}, collatz_longest below {inputs['end']:,} ...")
    stats = _whole_calls(R.TABLE3, found, inputs, size["batch_repeats"], "table 3: batches")
    reference = stats["many-hotloop-1"].result
    for row_id, s in stats.items():
        if row_id == "many-python":
            assert s.result == reference[::inputs["sample"]].tolist()
            s.result = "same (sample)"
        elif row_id == "longest-python":
            s.result = "(sample)"
        elif row_id in R.BAD_LAST:
            assert s.result[-1] == -1 and found.np.array_equal(s.result[:-1], reference[:-1]), row_id
            s.result = "same, -1 for the 0"
        elif R.GROUP[row_id] == "many":
            assert found.np.array_equal(s.result, reference), row_id
            s.result = "same"
        else:
            s.result = f"n = {s.result[0]:,}, {s.result[1]} steps"
    table = _labelled(stats, R.TABLE3, sample=inputs["sample"], longest_sample=len(inputs["longest_sample"]))
    answers = {row["result"] for row_id, row in table.items()
               if R.GROUP[row_id] == "longest" and "sample" not in row["result"]}
    assert len(answers) == 1, answers
    return table


def crossover_table(found: Contestants, size: Dict[str, Any]) -> Dict[str, Any]:
    """The crossover: time per call at k = 1, 2, 4, ... for every way."""
    ways = R.crossover_ways(found)
    ks = [2**i for i in range(size["crossover_log2"] + 1)]
    say(f"table 4: the crossover, k = 1 to {ks[-1]:,} iterations per call, {len(ways)} ways ...")
    bar = progress(len(ks), "table 4: crossover")
    times = crossover.measure(ways, ks, size["crossover_repeats"], size["crossover_sample"], bar)
    bar.close()
    return dict(times={way: {str(k): t for k, t in row.items()} for way, row in times.items()},
                rows=crossover.summarise(ways, times), top=ks[-1])
