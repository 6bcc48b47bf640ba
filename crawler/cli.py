"""The ``zwgk`` command: crawl, check, report, and the shortcuts around them.

Messages a person reads are Chinese (with English where it helps); a user error ends with
one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
from pathlib import Path

from .config import ConfigError, SiteConfig, load_config, load_defaults

EXIT_CONFIG = 2
EXIT_DB = 3
EXIT_UNREACHABLE = 4
EXIT_FAILED = 5


class UserError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _open_db(path: str):
    from .store import open_db

    try:
        return open_db(path)
    except (sqlite3.DatabaseError, OSError) as exc:
        raise UserError(f"数据库错误 database error: {path}: {exc}", EXIT_DB) from None


def _resolve_run(db, run: str | None, site_id: str | None = None) -> int:
    from .store import latest_run_id

    if run in (None, "latest"):
        run_id = latest_run_id(db, site_id)
        if run_id is None:
            raise UserError("数据库中还没有检查记录 (no run in the database): 请先运行 zwgk crawl 或 zwgk run", EXIT_DB)
        return run_id
    try:
        run_id = int(run)
    except ValueError:
        raise UserError(f"--run 应为 latest 或运行编号 (got {run!r})", EXIT_CONFIG) from None
    if not db.execute("SELECT 1 FROM runs WHERE id = ?", [run_id]).fetchone():
        raise UserError(f"运行编号不存在 (no such run): {run_id}", EXIT_DB)
    return run_id


# -- stages --------------------------------------------------------------------------------

def crawl(site: SiteConfig, db_path: str, quiet: bool = False, resume: bool = False) -> int:
    """Crawl one site into a new run (or continue its unfinished one: ``resume``); returns the run id."""
    from scrapy.crawler import CrawlerProcess

    from .resume import begin_run, end_run, jobdir_for, scale_summary
    from .settings import build_settings
    from .spiders.column import ColumnSpider
    from .store import finish_run, rows
    from .urls import normalise

    db = _open_db(db_path)
    run_id, resumed = begin_run(db, db_path, site, resume)
    if resume and not resumed:
        say(f"没有未完成的运行可继续，开始新的运行 #{run_id} (nothing to resume: new run)")
    if not quiet:
        say(f"{'继续' if resumed else '开始'}检查 {site.name}（运行 #{run_id}），数据库 {db_path}")
    settings = build_settings(site, db_path, run_id)
    settings["JOBDIR"] = str(jobdir_for(db_path, run_id))  # disk queues: pending requests off the heap
    process = CrawlerProcess(settings, install_root_handler=False)
    crawler = process.create_crawler(ColumnSpider)
    process.crawl(crawler, site=site, run_id=run_id, quiet=quiet, resume=resumed)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = {
        "pages": stats.get("zwgk/pages", 0), "probes": stats.get("zwgk/probes", 0),
        "cut": stats.get("zwgk/cut", {}), "requests": stats.get("downloader/request_count", 0),
        "browser": stats.get("zwgk/browser", {}), "finish_reason": stats.get("finish_reason", ""),
        "read_in_workers": stats.get("zwgk/extract_offloaded", 0),
        **scale_summary(stats),
    }
    if summary["finish_reason"] == "shutdown":
        finish_run(db, run_id, "interrupted", summary, error="interrupted")
        raise UserError(f"抓取被中断，已保存的内容不会丢失；用 --resume 继续运行 #{run_id} (interrupted)", EXIT_FAILED)
    if summary["cut"] and not quiet:
        from .traps import describe_cut

        say(f"未抓取（已截断）cut: {describe_cut(summary['cut'])}")
    starts = [normalise(u) for u in site.start_urls]
    reached = rows(db, "SELECT url FROM probes WHERE run_id = ? AND outcome IN ('ok', 'tls_error')", [run_id])
    reached_urls = {r["url"] for r in reached}
    if not any(u in reached_urls for u in starts):
        finish_run(db, run_id, "failed", summary, error="start URL unreachable")
        raise UserError(f"起始网址无法访问 (start URL unreachable): {', '.join(site.start_urls)}", EXIT_UNREACHABLE)
    finish_run(db, run_id, "completed", summary)
    end_run(db, db_path, run_id)
    return run_id


def check(site: SiteConfig, db_path: str, run_id: int | None = None, quiet: bool = False) -> int:
    from checks.runner import run_checks

    db = _open_db(db_path)
    run_id = run_id or _resolve_run(db, None, site.id)
    findings = run_checks(db, site, run_id)
    from .lifecycle import record

    record(db, site.id)
    if not quiet:
        say(f"检查完成 checked: 运行 #{run_id} 发现问题 {len(findings)} 个")
    return run_id


def out_dir_for(site: SiteConfig, out: str | None, run_id: int) -> Path:
    return Path(out) if out else Path("reports") / "out" / site.id / str(run_id)


def report(site: SiteConfig, db_path: str, out: str | None, run_id: int | None = None) -> Path:
    from reports.outputs import FormatError
    from reports.render import render_reports

    db = _open_db(db_path)
    run_id = run_id or _resolve_run(db, None, site.id)
    out_dir = out_dir_for(site, out, run_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        paths = render_reports(db, site, run_id, out_dir)
    except FormatError as exc:
        raise UserError(f"{site.path}: {exc}", EXIT_CONFIG) from None
    for warning in paths["warnings"]:
        say(f"注意 warning: {warning}")
    return Path(paths["summary"])


def capture_evidence(site: SiteConfig, db_path: str, run_id: int, out: str | None, quiet: bool = False) -> dict:
    """Screenshots of the run's new findings, into <report dir>/evidence; never fails the run."""
    from .evidence import collect

    db = _open_db(db_path)
    target = out_dir_for(site, out, run_id) / "evidence"
    summary = collect(db, site, run_id, target)
    if not quiet and (summary["pending"] or summary["failed"]):
        say(f"取证截图 evidence: 新截取 {summary['captured']} 张，失败 {summary['failed']} 张"
            + (f"，超出上限留待下次 {summary['skipped']} 张" if summary["skipped"] else "") + f"（{target}）")
    return summary


SEVERITY_RANK = {"veto": 0, "deduct": 1, "advice": 2}


def print_summary(db_path: str, run_id: int, report_path: Path) -> list[dict]:
    """Short Chinese summary on stderr; returns the counted findings (marked ones left out)."""
    from checks.registry import rule_by_id
    from .lifecycle import history
    from .store import rows

    db = _open_db(db_path)
    hist = history(db, run_id)
    found = [f for f in rows(db, "SELECT rule, severity, unit, problem_id FROM findings WHERE run_id = ?", [run_id])
             if f["problem_id"] not in hist.reviews]
    marked = len(rows(db, "SELECT 1 FROM findings WHERE run_id = ?", [run_id])) - len(found)
    rules = rule_by_id()
    by_sev = {s: sum(1 for f in found if f["severity"] == s) for s in SEVERITY_RANK}
    labels = {"veto": "单项否决", "deduct": "扣分", "advice": "提示"}
    say(f"共发现问题 {len(found)} 个 (findings)：" + "，".join(f"{labels[s]} {n}" for s, n in by_sev.items())
        + (f"；人工核查排除 {marked} 个" if marked else ""))
    by_rule: dict[str, int] = {}
    for f in found:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    for rule_id, n in sorted(by_rule.items(), key=lambda kv: (SEVERITY_RANK.get(
            rules[kv[0]].severity if kv[0] in rules else "", 9), -kv[1])):
        rule = rules.get(rule_id)
        sev = labels.get(rule.severity, "") if rule else ""
        say(f"  {rule.title if rule else rule_id}（{rule_id}，{sev}）: {n}")
    if hist.previous_run is not None:
        previous = {pid for pid in hist.previous if pid not in hist.reviews}
        current = {f["problem_id"] for f in found}
        say(f"与上期相比：新增 {len(current - previous)} 个，已整改 {len(previous - current)} 个，"
            f"仍未整改 {len(current & previous)} 个")
    say(f"报告 report: {report_path.resolve()}")
    say(f"报告目录 folder: {report_path.parent.resolve()}（汇总及各单位通报 HTML/PDF/Word、整改台账.xlsx、"
        "各单位整改反馈表、evidence/ 取证截图）")
    return found


def gate(found: list[dict], fail_on: str | None) -> int:
    """Exit code of a self-check: 1 when a finding at or above ``fail_on`` exists, else 0."""
    if not fail_on:
        return 0
    hits = [f for f in found if SEVERITY_RANK.get(f["severity"], 9) <= SEVERITY_RANK[fail_on]]
    if hits:
        say(f"自查未通过 gate failed: {len(hits)} 个问题达到 --fail-on {fail_on} 的严重程度")
        return 1
    return 0


# -- commands ------------------------------------------------------------------------------

def cmd_run(args) -> int:
    from .multisite import is_many, run_many

    if is_many(args.config):  # a folder or several files: one process per site, then a table
        return run_many(args, say)
    site = load_config(args.config[0])
    run_id = crawl(site, args.db, quiet=args.quiet, resume=args.resume)
    check(site, args.db, run_id, quiet=args.quiet)
    if not args.no_evidence:
        capture_evidence(site, args.db, run_id, args.out, quiet=args.quiet)
    path = report(site, args.db, args.out, run_id)
    found = print_summary(args.db, run_id, path)
    print(path.resolve())
    return gate(found, args.fail_on)


def cmd_crawl(args) -> int:
    site = load_config(args.config)
    run_id = crawl(site, args.db, quiet=args.quiet, resume=args.resume)
    say(f"抓取完成，运行编号 run id: {run_id}")
    return 0


def cmd_check(args) -> int:
    site = load_config(args.config)
    db = _open_db(args.db)
    check(site, args.db, _resolve_run(db, args.run, site.id))
    return 0


def cmd_report(args) -> int:
    site = load_config(args.config)
    db = _open_db(args.db)
    run_id = _resolve_run(db, args.run, site.id)
    path = report(site, args.db, args.out, run_id)
    say(f"报告 report: {path.resolve()}")
    print(path.resolve())
    return 0


FINDING_FIELDS = ["rule", "severity", "unit", "url", "target", "message", "evidence", "problem_id", "run_id"]
# Lifecycle fields added to every finding (marked findings stay listed, with `review` set).
LIFECYCLE_FIELDS = ["first_seen", "streak", "lifecycle", "review", "review_reason", "screenshot"]


def _add_lifecycle(db, run_id: int, found: list[dict]) -> None:
    from .lifecycle import history
    from .store import rows

    hist = history(db, run_id)
    site = rows(db, "SELECT site_id FROM runs WHERE id = ?", [run_id])[0]["site_id"] or ""
    shots = {e["problem_id"]: e["path"] for e in rows(
        db, "SELECT problem_id, path FROM evidence WHERE site_id = ? AND path != ''", [site])}
    for f in found:
        pid = f["problem_id"]
        review = hist.reviews.get(pid, {})
        if pid in hist.previous:
            state = "persisting"
        elif hist.first_run.get(pid, run_id) < run_id:
            state = "recurring"
        else:
            state = "new"
        f.update({"first_seen": hist.first_seen.get(pid), "streak": hist.streak.get(pid, 1), "lifecycle": state,
                  "review": review.get("review") or None, "review_reason": review.get("review_reason") or None,
                  "screenshot": shots.get(pid)})


def cmd_findings(args) -> int:
    from .store import rows

    if not Path(args.db).exists():
        raise UserError(f"数据库不存在 (database not found): {args.db}", EXIT_DB)
    db = _open_db(args.db)
    run_id = _resolve_run(db, args.run)
    found = rows(db, f"SELECT {', '.join(FINDING_FIELDS)} FROM findings WHERE run_id = ? ORDER BY unit, rule, url, target",
                 [run_id])
    for f in found:
        f["evidence"] = json.loads(f["evidence"] or "{}")
    _add_lifecycle(db, run_id, found)
    if args.format == "json":
        json.dump(found, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=FINDING_FIELDS + LIFECYCLE_FIELDS)
        writer.writeheader()
        for f in found:
            writer.writerow({**f, "evidence": json.dumps(f["evidence"], ensure_ascii=False)})
    return 0


def cmd_inspect(args) -> int:
    from .extract import ClassifyHints, decode_html, inspect_html
    from .urls import normalise

    target = args.target
    if target.startswith(("http://", "https://")):
        import urllib.request

        try:
            with urllib.request.urlopen(urllib.request.Request(target, headers={"User-Agent": "zwgk-audit"}),
                                        timeout=30) as resp:
                body, ctype, url = resp.read(), resp.headers.get("Content-Type"), resp.geturl()
        except OSError as exc:
            raise UserError(f"无法获取页面 (cannot fetch): {target}: {exc}", EXIT_UNREACHABLE) from None
    else:
        path = Path(target)
        if not path.is_file():
            raise UserError(f"文件不存在 (file not found): {target}", EXIT_CONFIG)
        body, ctype, url = path.read_bytes(), None, path.resolve().as_uri()
    url = args.url or url
    text, _ = decode_html(body, ctype)
    classify = load_defaults()["classify"]
    hints = ClassifyHints(policy_columns=tuple(classify["policy_columns"]))
    info = inspect_html(text, normalise(url) or url, hints)
    json.dump(info.as_contract(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_demo(args) -> int:
    from .demo import DemoPortal

    portal = DemoPortal()
    base = portal.start(port=args.port)
    out_root = Path(args.out) if args.out else Path("reports") / "out" / "demo"
    out_root.mkdir(parents=True, exist_ok=True)
    config_path = out_root / "demo.toml"
    config_path.write_text(portal.config_toml(), encoding="utf-8")
    say(f"示例门户已启动 demo portal: {base}/xxgk/  （配置 {config_path}）")
    try:
        site = load_config(config_path)
        _demo_uptime(portal, site, args.db, args.quiet)
        run_id = crawl(site, args.db, quiet=args.quiet)
        check(site, args.db, run_id, quiet=args.quiet)
        if not args.no_evidence:
            capture_evidence(site, args.db, run_id, str(out_root / str(run_id)), quiet=args.quiet)
        path = report(site, args.db, str(out_root / str(run_id)), run_id)
        print_summary(args.db, run_id, path)
        print(path.resolve())
        if args.serve:
            say("示例门户继续运行，按 Ctrl+C 结束 (serving; Ctrl+C to stop)")
            import time

            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        portal.stop()
    return 0


def _demo_uptime(portal, site: SiteConfig, db_path: str, quiet: bool) -> None:
    """站点无法访问 needs a week of probe visits: the demo seeds a synthetic week (crawler.demo.probe_extras)
    and adds one real visit of the prober against the served portal."""
    from .demo.probe_extras import seed_uptime
    from .uptime import run as probe

    seeded = seed_uptime(portal, db_path, site.id)
    probe(site, _open_db(db_path))
    if not quiet:
        say(f"可用性探测：写入示例用的合成探测记录 {seeded} 条（7天），并实际探测一次 "
            "(uptime: synthetic 7-day history seeded for the demo, plus one real probe)")


def cmd_evidence(args) -> int:
    site = load_config(args.config)
    db = _open_db(args.db)
    run_id = _resolve_run(db, args.run, site.id)
    summary = capture_evidence(site, args.db, run_id, args.out, quiet=True)
    say(f"取证截图 evidence: 新截取 {summary['captured']} 张，失败 {summary['failed']} 张，"
        f"超出上限留待下次 {summary['skipped']} 张")
    return 0


def cmd_mark(args) -> int:
    from .lifecycle import LifecycleError, REVIEW_STATUSES, mark

    if not Path(args.db).exists():
        raise UserError(f"数据库不存在 (database not found): {args.db}", EXIT_DB)
    db = _open_db(args.db)
    try:
        for pid in args.problem:
            mark(db, pid, args.status, args.reason, args.site)
            say(f"已标记 marked: {pid} → {REVIEW_STATUSES[args.status]}（{args.reason}）")
    except LifecycleError as exc:
        raise UserError(str(exc), EXIT_CONFIG) from None
    say("重新生成报告后生效 (re-run `zwgk report` to update the reports)")
    return 0


def cmd_unmark(args) -> int:
    from .lifecycle import LifecycleError, unmark

    if not Path(args.db).exists():
        raise UserError(f"数据库不存在 (database not found): {args.db}", EXIT_DB)
    db = _open_db(args.db)
    try:
        for pid in args.problem:
            unmark(db, pid, args.site)
            say(f"已取消标记 unmarked: {pid}")
    except LifecycleError as exc:
        raise UserError(str(exc), EXIT_CONFIG) from None
    return 0


def cmd_uptime(args) -> int:
    """One visit of each site's home page and column roots, appended to its ``uptime`` table (WEB-01)."""
    from .multisite import expand_configs, is_many
    from .uptime import run as probe

    many = is_many(args.config)
    for path in expand_configs(args.config):
        site = load_config(path)
        db_path = str(Path(args.db_dir) / f"{site.id}.db") if many else args.db
        if many:
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        for v in probe(site, _open_db(db_path)):
            if not args.quiet:
                state = "ok" if v.ok else f"失败 failed: {v.error}"
                print(f"{site.id}\t{v.url}\t{v.status or '-'}\t{v.elapsed_ms} ms\t{state}")
    return 0


def cmd_rules(args) -> int:
    from checks.registry import rules

    defaults = load_defaults().get("rules", {})
    listed = []
    for r in rules():
        options = {k: v for k, v in defaults.get(r.id, {}).items() if k != "enabled"}
        listed.append({"id": r.id, "title": r.title, "severity": r.severity, "category": r.category,
                       "basis": [str(b) for b in r.basis], "options": options})
    if args.format == "json":
        json.dump(listed, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in listed:
            opts = "，".join(f"{k}={v}" for k, v in r["options"].items())
            print(f"{r['id']}\t{r['title']}\t{r['severity']}\t{'；'.join(r['basis'])}" + (f"\t{opts}" if opts else ""))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zwgk", description="政府信息公开专栏检查工具 zwgk-audit")
    sub = parser.add_subparsers(dest="command", required=True)

    def site_cmd(name: str, help_text: str, out: bool = False, run: bool = False, many: bool = False):
        p = sub.add_parser(name, help=help_text)
        if many:  # `zwgk run`: a file, a folder of files, or --config repeated (crawler.multisite)
            p.add_argument("--config", required=True, action="append",
                           help="站点配置文件 (TOML)，或配置目录；可重复 (file or folder; repeatable)")
        else:
            p.add_argument("--config", required=True, help="站点配置文件 (TOML)")
        p.add_argument("--db", default="zwgk.db", help="SQLite 数据库 (默认 zwgk.db)")
        if out:
            p.add_argument("--out", default=None, help="报告目录 (默认 reports/out/<站点>/<运行>/)")
        if run:
            p.add_argument("--run", default="latest", help="运行编号或 latest")
        p.add_argument("--quiet", action="store_true", help="不显示进度")
        return p

    p = site_cmd("run", "抓取＋检查＋取证＋生成报告 (crawl + check + evidence + report)", out=True, many=True)
    p.add_argument("--no-evidence", action="store_true", help="不截取取证截图 (skip screenshots)")
    p.add_argument("--fail-on", choices=("deduct", "veto"), default=None,
                   help="自查门禁：存在该严重程度及以上的问题时退出码为1 (exit 1 when such a finding exists)")
    p.set_defaults(func=cmd_run)
    from .cli_scale import add_run_options, register

    add_run_options(p)
    p = site_cmd("crawl", "只抓取 (crawl only)")
    p.add_argument("--resume", action="store_true", help="继续该站点未完成的运行 (continue the unfinished run)")
    p.set_defaults(func=cmd_crawl)
    site_cmd("check", "对已抓取的数据运行检查 (run checks)", run=True).set_defaults(func=cmd_check)
    site_cmd("report", "生成问题通报 (render reports)", out=True, run=True).set_defaults(func=cmd_report)
    site_cmd("evidence", "为新发现的问题截取取证截图 (screenshots of new findings)", out=True,
             run=True).set_defaults(func=cmd_evidence)

    for name, help_text, func in (("mark", "人工核查标记：不属实或情况说明 (mark a finding as reviewed)", cmd_mark),
                                  ("unmark", "取消人工核查标记 (undo a mark)", cmd_unmark)):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", default="zwgk.db")
        p.add_argument("--problem", required=True, action="append", help="问题编号 ZW…（可重复）")
        p.add_argument("--site", default=None, help="站点 id（默认：该问题编号所在的全部站点）")
        if name == "mark":
            p.add_argument("--status", required=True, choices=("false-positive", "explained"),
                           help="false-positive＝人工核查不属实；explained＝已作情况说明（如栏目确无内容）")
            p.add_argument("--reason", required=True, help="核查结论或情况说明")
        p.set_defaults(func=func)

    p = sub.add_parser("findings", help="输出检查发现 (print findings)")
    p.add_argument("--db", default="zwgk.db")
    p.add_argument("--run", default="latest")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.set_defaults(func=cmd_findings)

    p = sub.add_parser("inspect", help="查看单个页面的抽取结果 (extractor view of one page)")
    p.add_argument("target", metavar="URL_OR_FILE")
    p.add_argument("--url", default=None, help="文件对应的原始网址")
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser("demo", help="启动示例门户并完整检查 (serve the demo portal and audit it)")
    p.add_argument("--db", default="zwgk.db")
    p.add_argument("--out", default=None)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--serve", action="store_true", help="检查完成后继续提供示例门户")
    p.add_argument("--no-evidence", action="store_true", help="不截取取证截图")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("uptime", help="可用性探测：访问首页和专栏首页各一次并记录 (uptime probe, WEB-01)")
    p.add_argument("--config", required=True, action="append", help="站点配置文件或目录（可重复）")
    p.add_argument("--db", default="zwgk.db", help="SQLite 数据库 (默认 zwgk.db；多个站点时用 --db-dir)")
    p.add_argument("--db-dir", default="data", help="多个站点：每个站点一个数据库 <目录>/<站点>.db (default data/)")
    p.add_argument("--quiet", action="store_true", help="不输出每个网址的结果")
    p.set_defaults(func=cmd_uptime)

    p = sub.add_parser("rules", help="列出全部检查规则 (list rules)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_rules)
    register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .lock import LockBusy, command_locks

    try:
        with command_locks(args):
            return args.func(args)
    except LockBusy as exc:
        say(f"错误 error: {exc}")
        return exc.code
    except ConfigError as exc:
        say(f"配置错误 config error: {exc}")
        return EXIT_CONFIG
    except UserError as exc:
        say(f"错误 error: {exc}")
        return exc.code
    except sqlite3.DatabaseError as exc:
        say(f"数据库错误 database error: {exc}")
        return EXIT_DB
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
