"""The ``zwgk`` options and commands of nightly runs at scale (kept apart from ``cli.py``).

``zwgk run`` gains ``--resume`` and, for several sites, ``--jobs/--db-dir/--log-dir/
--keep-days/--site-timeout``; new commands: ``schedule``, ``merge``, ``worker``,
``distributed``.
"""

from __future__ import annotations

import sys
from pathlib import Path


class ImplicitDefault(str):
    """The default --db of ``zwgk run``: with several sites, only an explicit --db is merged into."""


DEFAULT_DB = ImplicitDefault("zwgk.db")


def db_given(args) -> bool:
    return bool(args.db) and not isinstance(args.db, ImplicitDefault)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def add_run_options(p) -> None:
    p.set_defaults(db=DEFAULT_DB)
    p.add_argument("--resume", action="store_true",
                   help="继续该站点未完成（被中断）的运行 (continue the site's unfinished run)")
    g = p.add_argument_group("多个站点 (--config 为目录或重复时 / several sites)")
    g.add_argument("--jobs", type=int, default=2, help="同时检查的站点数 (sites in parallel, default 2)")
    g.add_argument("--db-dir", default="data", help="每个站点一个数据库 <目录>/<站点>.db (default data/)")
    g.add_argument("--log-dir", default="logs", help="日志目录，按日期分子目录 (default logs/)")
    g.add_argument("--keep-days", type=int, default=30, help="保留多少天的日志和报告，0=不清理 (default 30)")
    g.add_argument("--site-timeout", type=float, default=0.0, help="单个站点的时限（秒），0=不限")


def register(sub) -> None:
    p = sub.add_parser("schedule", help="每晚定时运行：输出或安装 cron / systemd timer (nightly schedule)")
    p.add_argument("--config", required=True, action="append", help="站点配置文件或目录（可重复）")
    p.add_argument("--at", default="02:30", help="每天运行时间 HH:MM (default 02:30)")
    p.add_argument("--format", choices=("cron", "systemd"), default="cron")
    p.add_argument("--install", action="store_true", help="安装（默认只输出）")
    p.add_argument("--cron-file", default=None, help="写入该 cron.d 文件而非用户 crontab")
    p.add_argument("--cron-user", default="root", help="cron.d 文件中的用户 (default root)")
    p.add_argument("--unit-dir", default=None, help="systemd 单元目录 (default ~/.config/systemd/user)")
    p.add_argument("--workdir", default=None, help="运行目录 (default 当前目录)")
    p.add_argument("--db-dir", default="data")
    p.add_argument("--log-dir", default="logs")
    p.add_argument("--keep-days", type=int, default=30)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--resume", action="store_true", help="每晚先继续未完成的运行")
    p.add_argument("--uptime", action="store_true",
                   help="改为输出/安装可用性探测 zwgk uptime 的定时项 (the uptime prober's entry, WEB-01)")
    p.add_argument("--every", type=int, default=30, help="--uptime：每隔多少分钟探测一次 (default 30)")
    p.set_defaults(func=_schedule)

    p = sub.add_parser("merge", help="把其他数据库中的运行合并到一个数据库 (merge runs into one DB)")
    p.add_argument("--db", required=True, help="目标数据库")
    p.add_argument("sources", nargs="+", metavar="SOURCE_DB", help="来源数据库（每个站点的最新运行）")
    p.add_argument("--all-runs", action="store_true", help="合并来源中的全部运行（默认每个站点最新的一次）")
    p.set_defaults(func=_merge)

    p = sub.add_parser("worker", help="分布式：在本机运行一个 RQ worker (distributed worker)")
    p.add_argument("--redis", required=True, help="redis://host:port/0")
    p.add_argument("--queue", default="zwgk")
    p.add_argument("--name", default=None, help="worker 名称 (default: 主机名+进程号)")
    p.add_argument("--burst", action="store_true", help="队列空了就退出")
    p.set_defaults(func=_worker)

    p = sub.add_parser("distributed", help="分布式：每个站点一个作业分发给 worker，完成后合并 (fan out, merge)")
    p.add_argument("--config", required=True, action="append", help="站点配置文件或目录（可重复）")
    p.add_argument("--redis", required=True, help="redis://host:port/0")
    p.add_argument("--queue", default="zwgk")
    p.add_argument("--work-dir", required=True, help="各 worker 共享的工作目录（每站点数据库、日志、报告）")
    p.add_argument("--db", default="zwgk.db", help="合并后的数据库 (default zwgk.db)")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--no-evidence", action="store_true", help="不截取取证截图")
    p.add_argument("--site-timeout", type=float, default=0.0)
    p.add_argument("--job-timeout", type=int, default=0, help="RQ 作业时限（秒，default 12 小时）")
    p.add_argument("--timeout", type=float, default=0.0, help="等待全部作业的时限（秒），0=不限")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=_distributed)


def _schedule(args) -> int:
    from .schedule import cmd_schedule

    return cmd_schedule(args)


def _merge(args) -> int:
    import sqlite3

    from .lock import db_writer
    from .merge import merge_runs

    sources = []
    for src in args.sources:
        if not Path(src).is_file():
            say(f"错误 error: 数据库不存在 (database not found): {src}")
            return 3
        if Path(src).resolve() == Path(args.db).resolve():
            continue
        conn = sqlite3.connect(src)
        try:
            sql = ("SELECT id FROM runs ORDER BY id" if args.all_runs else
                   "SELECT MAX(id) FROM runs GROUP BY site_id ORDER BY 1")
            sources += [(src, r[0]) for r in conn.execute(sql).fetchall() if r[0] is not None]
        finally:
            conn.close()
    with db_writer(args.db):
        merged = merge_runs(args.db, sources)
    say(f"已合并 {len(sources)} 个运行到 {args.db}：运行编号 {', '.join(map(str, merged)) or '-'} (merged)")
    return 0


def _worker(args) -> int:
    from .distributed import cmd_worker

    return cmd_worker(args)


def _distributed(args) -> int:
    from .distributed import cmd_distributed

    return cmd_distributed(args, say)
