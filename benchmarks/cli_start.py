"""CLI start time: factdb commands against ``sqlite-utils --help`` as the anchor.

Usage: python benchmarks/cli_start.py [--runs 20] [--seeds seeds] [--before DIR]

Run from the checkout root with the project's venv active. Every command is a console script
of the venv that runs this script (``sys.executable``'s bin folder). A temporary SQLite
database is built from the seeds first (``factdb --db ... ingest seeds``), so the claims
query reads a small real database. Each round runs every command once, in a rotating order
(interleaved, so load from other work on the machine falls on all of them alike); the table
gives the median and minimum wall time over the rounds, the median's ratio to the anchor, and
the median CPU time (user + system of the child: steadier than wall time when other work
shares the machine) with its ratio. The goal (issue "Performance at scale", point 5) is a
wall ratio <= 1.5 for ``factdb --help`` and ``factdb claims --entity ...``.

Children run with a private bytecode cache (``PYTHONPYCACHEPREFIX`` in the temporary folder,
filled by one warm-up run of each command), so every program runs from cached bytecode as an
installed package would, even where ``PYTHONDONTWRITEBYTECODE`` is set, and nothing is
written into the checkout.

``--before DIR`` also times the two factdb commands with the ``factdb`` package taken from
another source tree (``DIR/factdb``, put first on ``PYTHONPATH``), e.g. the last commit:
``mkdir /tmp/head && git archive HEAD factdb | tar -x -C /tmp/head``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ANCHOR = "sqlite-utils --help"
GOAL = 1.5
ENTITY = "United States"


def commands(bin_dir: Path, db_url: str, before: Path | None) -> dict[str, tuple[list[str], dict]]:
    """Label -> (argv, extra environment)."""
    factdb = str(bin_dir / "factdb")
    help_argv = [factdb, "--help"]
    claims_argv = [factdb, "--db", db_url, "claims", "--entity", ENTITY]
    cmds: dict[str, tuple[list[str], dict]] = {
        "python -c pass (floor)": ([sys.executable, "-c", "pass"], {}),
        ANCHOR: ([str(bin_dir / "sqlite-utils"), "--help"], {}),
        "factdb --help": (help_argv, {}),
        f'factdb claims --entity "{ENTITY}"': (claims_argv, {}),
    }
    if before is not None:
        env = {"PYTHONPATH": str(before.resolve())}
        cmds["factdb --help (before)"] = (help_argv, env)
        cmds[f'factdb claims --entity "{ENTITY}" (before)'] = (claims_argv, env)
    return cmds


def run_once(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall and CPU (user + system) milliseconds of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{argv} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="rounds (default 20)")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder to ingest")
    parser.add_argument("--before", type=Path, help="source tree of an older factdb to compare")
    args = parser.parse_args()
    if args.before is not None and not (args.before / "factdb" / "__init__.py").is_file():
        parser.error(f"--before {args.before}: no factdb package there")
    bin_dir = Path(sys.executable).parent

    with tempfile.TemporaryDirectory() as tmp:
        # cwd is the temporary folder: with the checkout as cwd, ``python -c`` would import
        # the checkout's factdb ahead of PYTHONPATH
        base_env = {**os.environ, "COLUMNS": "100", "PYTHONPYCACHEPREFIX": f"{tmp}/pycache"}
        for name in ("PYTHONDONTWRITEBYTECODE", "FACTDB_DATABASE_URL", "PYTHONPATH"):
            base_env.pop(name, None)
        db_url = f"sqlite:///{tmp}/bench.sqlite"
        subprocess.run(
            [str(bin_dir / "factdb"), "--db", db_url, "ingest", str(args.seeds.resolve())],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=base_env,
            cwd=tmp,
        )
        cmds = commands(bin_dir, db_url, args.before)
        names = list(cmds)
        envs = {name: {**base_env, **extra} for name, (_, extra) in cmds.items()}
        for name in names:  # warm-up: bytecode cache, page cache
            run_once(cmds[name][0], envs[name], tmp)
        wall: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for i in range(args.runs):
            order = names[i % len(names) :] + names[: i % len(names)]
            for name in order:
                w, c = run_once(cmds[name][0], envs[name], tmp)
                wall[name].append(w)
                cpu[name].append(c)

    anchor = statistics.median(wall[ANCHOR])
    anchor_cpu = statistics.median(cpu[ANCHOR])
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{args.runs} interleaved rounds, {os.cpu_count()} CPUs, load average {load}, "
        f"Python {sys.version.split()[0]}"
    )
    print()
    print(
        "| command | median wall ms | min wall ms | wall / anchor | median CPU ms | CPU / anchor |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in names:
        med = statistics.median(wall[name])
        ratio = med / anchor
        mark = ""
        if name.startswith("factdb") and "(before)" not in name:
            mark = " (goal met)" if ratio <= GOAL else f" (goal {GOAL}: not met)"
        med_cpu = statistics.median(cpu[name])
        print(
            f"| `{name}` | {med:.0f} | {min(wall[name]):.0f} | {ratio:.2f}{mark} "
            f"| {med_cpu:.0f} | {med_cpu / anchor_cpu:.2f} |"
        )


if __name__ == "__main__":
    main()
