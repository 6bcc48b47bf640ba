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

def crawl(site: SiteConfig, db_path: str, quiet: bool = False) -> int:
    """Crawl one site into a new run; returns the run id."""
    from scrapy.crawler import CrawlerProcess

    from .settings import build_settings
    from .spiders.column import ColumnSpider
    from .store import finish_run, rows, start_run
    from .urls import normalise

    db = _open_db(db_path)
    run_id = start_run(db, site.id, site.name, str(site.path))
    if not quiet:
        say(f"开始检查 {site.name}（运行 #{run_id}），数据库 {db_path}")
    process = CrawlerProcess(build_settings(site, db_path, run_id), install_root_handler=False)
    crawler = process.create_crawler(ColumnSpider)
    process.crawl(crawler, site=site, run_id=run_id, quiet=quiet)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = {
        "pages": stats.get("zwgk/pages", 0), "probes": stats.get("zwgk/probes", 0),
        "cut": stats.get("zwgk/cut", {}), "requests": stats.get("downloader/request_count", 0),
        "finish_reason": stats.get("finish_reason", ""),
    }
    starts = [normalise(u) for u in site.start_urls]
    reached = rows(db, "SELECT url FROM probes WHERE run_id = ? AND outcome = 'ok'", [run_id])
    reached_urls = {r["url"] for r in reached}
    if not any(u in reached_urls for u in starts):
        finish_run(db, run_id, "failed", summary, error="start URL unreachable")
        raise UserError(f"起始网址无法访问 (start URL unreachable): {', '.join(site.start_urls)}", EXIT_UNREACHABLE)
    finish_run(db, run_id, "completed", summary)
    return run_id


def check(site: SiteConfig, db_path: str, run_id: int | None = None, quiet: bool = False) -> int:
    from checks.runner import run_checks

    db = _open_db(db_path)
    run_id = run_id or _resolve_run(db, None, site.id)
    findings = run_checks(db, site, run_id)
    if not quiet:
        say(f"检查完成 checked: 运行 #{run_id} 发现问题 {len(findings)} 个")
    return run_id


def report(site: SiteConfig, db_path: str, out: str | None, run_id: int | None = None) -> Path:
    from reports.render import render_reports

    db = _open_db(db_path)
    run_id = run_id or _resolve_run(db, None, site.id)
    out_dir = Path(out) if out else Path("reports") / "out" / site.id / str(run_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = render_reports(db, site, run_id, out_dir)
    return Path(paths["summary"])


def print_summary(db_path: str, run_id: int, report_path: Path) -> None:
    from checks.registry import rule_by_id
    from .store import rows

    db = _open_db(db_path)
    found = rows(db, "SELECT rule, severity, COUNT(*) AS n FROM findings WHERE run_id = ? GROUP BY rule, severity "
                     "ORDER BY n DESC", [run_id])
    rules = rule_by_id()
    total = sum(r["n"] for r in found)
    say(f"共发现问题 {total} 个 (findings):")
    for r in found:
        title = rules[r["rule"]].title if r["rule"] in rules else r["rule"]
        say(f"  {title}（{r['rule']}）: {r['n']}")
    say(f"报告 report: {report_path.resolve()}")


# -- commands ------------------------------------------------------------------------------

def cmd_run(args) -> int:
    site = load_config(args.config)
    run_id = crawl(site, args.db, quiet=args.quiet)
    check(site, args.db, run_id, quiet=args.quiet)
    path = report(site, args.db, args.out, run_id)
    print_summary(args.db, run_id, path)
    print(path.resolve())
    return 0


def cmd_crawl(args) -> int:
    site = load_config(args.config)
    run_id = crawl(site, args.db, quiet=args.quiet)
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
    if args.format == "json":
        json.dump(found, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=FINDING_FIELDS)
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
        run_id = crawl(site, args.db, quiet=args.quiet)
        check(site, args.db, run_id, quiet=args.quiet)
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

    def site_cmd(name: str, help_text: str, out: bool = False, run: bool = False):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--config", required=True, help="站点配置文件 (TOML)")
        p.add_argument("--db", default="zwgk.db", help="SQLite 数据库 (默认 zwgk.db)")
        if out:
            p.add_argument("--out", default=None, help="报告目录 (默认 reports/out/<站点>/<运行>/)")
        if run:
            p.add_argument("--run", default="latest", help="运行编号或 latest")
        p.add_argument("--quiet", action="store_true", help="不显示进度")
        return p

    site_cmd("run", "抓取＋检查＋生成报告 (crawl + check + report)", out=True).set_defaults(func=cmd_run)
    site_cmd("crawl", "只抓取 (crawl only)").set_defaults(func=cmd_crawl)
    site_cmd("check", "对已抓取的数据运行检查 (run checks)", run=True).set_defaults(func=cmd_check)
    site_cmd("report", "生成问题通报 (render reports)", out=True, run=True).set_defaults(func=cmd_report)

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
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("rules", help="列出全部检查规则 (list rules)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_rules)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
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
