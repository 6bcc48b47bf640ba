"""Time ``zwgk crawl`` against the link checkers people would otherwise use, on one synthetic portal.

    .venv/bin/python -m benchmarks.run --pages 10000                 # all tools, incremental run
    .venv/bin/python -m benchmarks.run --pages 100000 --only zwgk --no-incremental --checks-and-reports
    .venv/bin/python -m benchmarks.run --pages 10000 --only zwgk --profile

Each tool crawls the same portal (``benchmarks/portal.py``, served by its own process on
127.0.0.1 with a per-request delay) with the same concurrency per host. Measured per tool:
wall time, pages/s (the portal's HTML pages ÷ wall time), peak RSS and CPU seconds of the
tool's process tree (``wait4``), CPU-seconds per 1,000 pages, requests the server answered,
the ratio of zwgk's pages/s to each peer's, and each run's latency floor: the waits the server
applied (latency plus transfer time, summed) ÷ the concurrency — no client holding that many
requests in flight can finish sooner, so a ratio has a ceiling of peer wall ÷ zwgk's floor. Peers are installed outside the project:
``linkchecker`` in ``benchmarks/.venv-peers`` (pip), ``linkinator`` in
``benchmarks/node_modules`` (npm) — see benchmarks/README.md. ``--only scrapy`` (in the default set)
times a plain Scrapy link-check spider (``benchmarks/bare_scrapy.py``): the engine's own cost. Results go to
``benchmarks/results/<pages>-<time>.json`` and a table on stdout. Never run by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = ROOT / ".venv" / "bin" / "python"
LINKCHECKER = HERE / ".venv-peers" / "bin" / "linkchecker"
PYSPY = HERE / ".venv-peers" / "bin" / "py-spy"
LINKINATOR = HERE / "node_modules" / ".bin" / "linkinator"


def control(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=30) as resp:
        return json.loads(resp.read())


def measured(cmd: list[str], cwd: Path | None = None, env: dict | None = None, log: Path | None = None) -> dict:
    """Run ``cmd``; wall time, peak RSS (MB) and CPU seconds of its process tree."""
    load = os.getloadavg()[0]
    out = open(log, "w") if log else subprocess.DEVNULL
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT if log else out)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if log:
        out.close()
    return {"wall_s": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "exit": proc.returncode, "load_before": round(load, 2)}


def serve(pages: int, delay_ms: float, kbps: float, config: Path, concurrency: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([str(PY), "-m", "benchmarks.portal", "--pages", str(pages), "--delay-ms", str(delay_ms),
                             "--kbps", str(kbps), "--config", str(config)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline().strip()
    base = line.split("/xxgk/")[0]
    text = config.read_text(encoding="utf-8")  # one concurrency for every tool
    config.write_text(text.replace("[crawl]\n", f"[crawl]\nconcurrency_per_host = {concurrency}\n", 1),
                      encoding="utf-8")
    return proc, base


def site_pages(line_pages: int) -> int:
    sys.path.insert(0, str(ROOT))
    from benchmarks.portal import SyntheticPortal

    return SyntheticPortal(line_pages).page_count()


def run_zwgk(config: Path, db: Path, work: Path, name: str, profile: bool = False) -> dict:
    cmd = [str(PY), "-m", "crawler.cli", "crawl", "--config", str(config), "--db", str(db), "--quiet"]
    if profile:
        cmd = [str(PYSPY), "record", "-r", "50", "-f", "raw", "-o", str(work / f"{name}.folded"), "--"] + cmd
    result = measured(cmd, cwd=ROOT, log=work / f"{name}.log")
    import sqlite3

    conn = sqlite3.connect(db)
    row = conn.execute("SELECT stats FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    result["stats"] = json.loads(row[0]) if row else {}
    return result


def run_linkchecker(base: str, work: Path, concurrency: int) -> dict:
    rc = work / "linkcheckerrc"
    rc.write_text(f"[checking]\nthreads={concurrency}\nmaxrequestspersecond=1000\ntimeout=15\n"
                  "[filtering]\ncheckextern=1\n[output]\nstatus=0\nwarnings=0\n", encoding="utf-8")
    cmd = [str(LINKCHECKER), "-f", str(rc), "--no-status", "-o", "none", f"{base}/xxgk/"]
    return measured(cmd, log=work / "linkchecker.log", env={**os.environ, "HOME": str(work)})


def run_linkinator(base: str, work: Path, concurrency: int) -> dict:
    cmd = [str(LINKINATOR), f"{base}/xxgk/", "--recurse", "--concurrency", str(concurrency), "--timeout", "15000",
           "--format", "json"]
    return measured(cmd, log=work / "linkinator.log")


def run_bare_scrapy(base: str, work: Path, concurrency: int) -> dict:
    cmd = [str(PY), "-m", "benchmarks.bare_scrapy", f"{base}/xxgk/", "--concurrency", str(concurrency)]
    return measured(cmd, cwd=ROOT, log=work / "scrapy.log")


def timed(cmd: list[str], work: Path, name: str) -> dict:
    return measured(cmd, cwd=ROOT, log=work / f"{name}.log")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--delay-ms", type=float, default=20.0, help="server latency per request (default 20 ms)")
    ap.add_argument("--kbps", type=float, default=2048.0, help="server transfer rate per answer (default 2 MB/s)")
    ap.add_argument("--concurrency", type=int, default=8, help="requests in flight per host, every tool")
    ap.add_argument("--only", choices=("zwgk", "linkchecker", "linkinator", "scrapy"), action="append",
                    help="scrapy: a plain Scrapy link-check spider (benchmarks/bare_scrapy.py), the engine's own cost")
    ap.add_argument("--no-incremental", action="store_true", help="skip the second (unchanged) zwgk night")
    ap.add_argument("--bump", type=int, default=0, help="pages changed before the second night (default 1%%)")
    ap.add_argument("--checks-and-reports", action="store_true", help="time zwgk check and zwgk report too")
    ap.add_argument("--profile", action="store_true", help="py-spy the zwgk crawl (folded stacks in results/)")
    ap.add_argument("--work", default=None, help="keep DBs and logs here (default: a temporary folder)")
    args = ap.parse_args(argv)
    tools = args.only or ["zwgk", "linkchecker", "linkinator", "scrapy"]
    work = Path(args.work or tempfile.mkdtemp(prefix="zwgk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    config = work / "site.toml"
    server, base = serve(args.pages, args.delay_ms, args.kbps, config, args.concurrency)
    pages = site_pages(args.pages)
    results: dict = {"pages": pages, "delay_ms": args.delay_ms, "kbps": args.kbps, "concurrency": args.concurrency,
                     "cores": os.cpu_count(), "when": time.strftime("%Y-%m-%d %H:%M:%S"), "tools": {}}
    try:
        for tool in tools:
            control(base, "/__reset")
            if tool == "zwgk":
                db = work / "bench.db"
                for f in work.glob("bench.db*"):
                    f.unlink()
                r = run_zwgk(config, db, work, "zwgk", profile=args.profile)
            elif tool == "linkchecker":
                r = run_linkchecker(base, work, args.concurrency)
            elif tool == "scrapy":
                r = run_bare_scrapy(base, work, args.concurrency)
            else:
                r = run_linkinator(base, work, args.concurrency)
            r["server"] = control(base, "/__stats")
            results["tools"][tool] = r
            print(f"{tool}: {r['wall_s']} s, {r['peak_rss_mb']} MB, {r['cpu_s']} CPU-s, "
                  f"{r['server']['requests']} requests (load {r['load_before']})", file=sys.stderr, flush=True)
        if "zwgk" in tools and not args.no_incremental:
            bump = args.bump if args.bump else max(1, pages // 100)
            control(base, f"/__bump?n={bump}")
            control(base, "/__reset")
            r = run_zwgk(config, work / "bench.db", work, "zwgk-second")
            r["server"] = control(base, "/__stats")
            r["changed_pages"] = bump
            results["tools"]["zwgk (2nd night)"] = r
            print(f"zwgk 2nd night: {r['wall_s']} s, {r['server']['requests']} requests", file=sys.stderr)
        if "zwgk" in tools and args.checks_and_reports:
            db = work / "bench.db"
            results["check"] = timed([str(PY), "-m", "crawler.cli", "check", "--config", str(config), "--db", str(db),
                                      "--quiet"], work, "check")
            results["report"] = timed([str(PY), "-m", "crawler.cli", "report", "--config", str(config), "--db",
                                       str(db), "--out", str(work / "report")], work, "report")
            print(f"check: {results['check']['wall_s']} s, report: {results['report']['wall_s']} s", file=sys.stderr)
    finally:
        server.terminate()
        server.wait()
    for r in results["tools"].values():
        r["pages_per_s"] = round(pages / r["wall_s"], 1) if r["wall_s"] else None
        r["cpu_s_per_1000_pages"] = round(r["cpu_s"] / pages * 1000, 2)
        if r["server"].get("service_s") is not None:  # no client can be faster: every wait, `concurrency` at a time
            r["latency_floor_s"] = round(r["server"]["service_s"] / args.concurrency, 1)
    z = results["tools"].get("zwgk")
    if z:
        for name, r in results["tools"].items():
            if not name.startswith("zwgk") and r.get("pages_per_s"):
                r["zwgk_speedup"] = round(z["pages_per_s"] / r["pages_per_s"], 2)
                if z.get("latency_floor_s"):  # the ratio zwgk would reach at its latency floor
                    r["zwgk_speedup_at_floor"] = round(r["wall_s"] / z["latency_floor_s"], 2)
        second = results["tools"].get("zwgk (2nd night)")
        if second:
            second["share_of_first_wall"] = round(second["wall_s"] / z["wall_s"], 3)
            if second.get("latency_floor_s"):
                second["floor_share_of_first_wall"] = round(second["latency_floor_s"] / z["wall_s"], 3)
            second["share_of_first_cpu"] = round(second["cpu_s"] / z["cpu_s"], 3)
    out = HERE / "results" / f"{pages}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print_table(results)
    print(f"\nresults: {out}\nwork: {work}")
    return 0


def print_table(results: dict) -> None:
    print(f"\nportal: {results['pages']} pages, {results['delay_ms']} ms + {results['kbps']} KB/s per answer, "
          f"concurrency {results['concurrency']} per host, {results['cores']} cores")
    head = (f"{'tool':<18}{'wall s':>9}{'floor s':>9}{'pages/s':>9}{'peak MB':>9}{'CPU s':>8}{'CPU s/1k':>9}"
            f"{'requests':>10}  vs zwgk")
    print(head)
    for name, r in results["tools"].items():
        ratio = r.get("zwgk_speedup")
        extra = f"zwgk {ratio}x" if ratio else (f"{r.get('share_of_first_wall', '')} of 1st" if "2nd" in name else "")
        if r.get("zwgk_speedup_at_floor"):
            extra += f" (at its floor: {r['zwgk_speedup_at_floor']}x)"
        print(f"{name:<18}{r['wall_s']:>9}{r.get('latency_floor_s', '—'):>9}{r['pages_per_s']:>9}{r['peak_rss_mb']:>9}"
              f"{r['cpu_s']:>8}{r['cpu_s_per_1000_pages']:>9}{r['server']['requests']:>10}  {extra}")
    for key in ("check", "report"):
        if key in results:
            print(f"zwgk {key}: {results[key]['wall_s']} s, peak {results[key]['peak_rss_mb']} MB")


if __name__ == "__main__":
    sys.exit(main())
