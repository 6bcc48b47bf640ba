"""``zwgk schedule``: the nightly run as a cron entry or a systemd timer — no daemon of our own.

The entry runs ``zwgk run --config <sites> …`` from the project directory with absolute
paths. Overlap is handled by the run itself (a file lock per site and per database), logs
and reports are written under dated folders and pruned after ``--keep-days``.

- ``--format cron`` (default) prints one crontab line; ``--install`` puts it into the user's
  crontab (through ``crontab``), or into ``--cron-file`` (an ``/etc/cron.d`` file, with a user
  field), replacing an earlier zwgk-audit entry for the same sites.
- ``--format systemd`` prints a ``.service`` and a ``.timer`` unit; ``--install`` writes them
  to ``--unit-dir`` (default ``~/.config/systemd/user``) and prints the ``systemctl`` line that
  enables the timer.
- ``--uptime`` does the same for the uptime prober (``zwgk uptime``, WEB-01) instead of the nightly
  audit: every ``--every`` minutes (default 30) at an offset drawn once from the sites' entry id
  (cron) or a randomized delay (systemd), so that visits do not all fall on the hour. Both entries
  live side by side: each replaces only its own earlier entry.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

MARK = "# zwgk-audit nightly"
UPTIME_MARK = "# zwgk-audit uptime"
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ScheduleError(Exception):
    pass


def _zwgk() -> list[str]:
    exe = Path(sys.executable).with_name("zwgk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "crawler.cli"]


def command(configs: list[str], workdir: Path, db_dir: str, log_dir: str, keep_days: int, jobs: int,
            extra: list[str] | None = None) -> str:
    parts = _zwgk() + ["run"]
    for c in configs:
        parts += ["--config", str(Path(c).resolve())]
    parts += ["--db-dir", str((workdir / db_dir).resolve()), "--log-dir", str((workdir / log_dir).resolve()),
              "--out", str((workdir / "reports" / "out").resolve()), "--keep-days", str(keep_days),
              "--jobs", str(jobs), "--quiet"]
    return shlex.join(parts + (extra or []))


def entry_id(configs: list[str]) -> str:
    key = "\n".join(sorted(str(Path(c).resolve()) for c in configs))
    return hashlib.sha1(key.encode()).hexdigest()[:8]


def _cron_entry(when: str, cmd: str, workdir: Path, log_dir: str, log_name: str, mark: str, ident: str,
                user: str | None) -> str:
    """One crontab line: run ``cmd`` in ``workdir`` at ``when``, appending to ``log_dir/log_name``."""
    log = shlex.quote(str((workdir / log_dir / log_name).resolve()))
    who = f" {user}" if user else ""
    return (f"{when}{who} cd {shlex.quote(str(workdir.resolve()))} && mkdir -p "
            f"{shlex.quote(str((workdir / log_dir).resolve()))} && {cmd} >> {log} 2>&1 {mark} {ident}")


def cron_line(at: str, cmd: str, workdir: Path, log_dir: str, ident: str, user: str | None = None) -> str:
    hour, minute = _parse_time(at)
    return _cron_entry(f"{minute} {hour} * * *", cmd, workdir, log_dir, "cron.log", MARK, ident, user)


def _service(description: str, cmd: str, workdir: Path, extra: str = "") -> str:
    return f"""[Unit]
Description={description}
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
WorkingDirectory={workdir.resolve()}
ExecStart={cmd}
{extra}"""


def _timer(description: str, calendar: str, delay: str, persistent: bool) -> str:
    return f"""[Unit]
Description={description}

[Timer]
OnCalendar={calendar}
RandomizedDelaySec={delay}
Persistent={str(persistent).lower()}

[Install]
WantedBy=timers.target
"""


def systemd_units(at: str, cmd: str, workdir: Path, ident: str) -> dict[str, str]:
    hour, minute = _parse_time(at)
    return {
        "zwgk-audit.service": _service(f"zwgk-audit nightly audit of the 政府信息公开专栏 ({ident})", cmd, workdir,
                                       "Nice=10\n"),
        "zwgk-audit.timer": _timer(f"Run zwgk-audit every night ({ident})", f"*-*-* {hour:02d}:{minute:02d}:00",
                                   "10min", True),
    }


def _parse_time(at: str) -> tuple[int, int]:
    m = TIME.match(at)
    if not m:
        raise ScheduleError(f"--at 应为 HH:MM，例如 02:30 (got {at!r})")
    return int(m.group(1)), int(m.group(2))


def install_cron(line: str, ident: str, cron_file: str | None, mark: str = MARK) -> str:
    if cron_file:
        path = Path(cron_file)
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        lines = [ln for ln in lines if not ln.endswith(f"{mark} {ident}")] + [line]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)
    crontab = shutil.which("crontab")
    if not crontab:
        raise ScheduleError("未找到 crontab 命令：请安装 cron，或用 --cron-file /etc/cron.d/zwgk-audit，"
                            "或用 --format systemd (crontab not found)")
    current = subprocess.run([crontab, "-l"], capture_output=True, text=True)
    lines = current.stdout.splitlines() if current.returncode == 0 else []
    lines = [ln for ln in lines if not ln.endswith(f"{mark} {ident}")] + [line]
    subprocess.run([crontab, "-"], input="\n".join(lines) + "\n", text=True, check=True)
    return "crontab"


def uptime_command(configs: list[str], workdir: Path, db_dir: str) -> str:
    parts = _zwgk() + ["uptime"]
    for c in configs:
        parts += ["--config", str(Path(c).resolve())]
    return shlex.join(parts + ["--db-dir", str((workdir / db_dir).resolve()), "--quiet"])


def _every(every: int) -> int:
    if every < 1 or 60 % every:
        raise ScheduleError(f"--every 应为能整除60的分钟数，例如 15、20、30 (got {every})")
    return every


def uptime_cron_line(every: int, cmd: str, workdir: Path, log_dir: str, ident: str, user: str | None = None) -> str:
    step = _every(every)
    offset = int(ident, 16) % step  # a fixed "random" minute per set of sites: reinstalling keeps it
    minutes = ",".join(str(m) for m in range(offset, 60, step))
    return _cron_entry(f"{minutes} * * * *", cmd, workdir, log_dir, "uptime.log", UPTIME_MARK, ident, user)


def uptime_systemd_units(every: int, cmd: str, workdir: Path, ident: str) -> dict[str, str]:
    step = _every(every)
    return {
        "zwgk-uptime.service": _service(
            f"zwgk-audit uptime probe of the portal home page and 信息公开 column ({ident})", cmd, workdir),
        "zwgk-uptime.timer": _timer(f"Probe the audited sites every {step} minutes ({ident})",
                                    f"*-*-* *:00/{step}:00", f"{max(1, step // 2)}min", False),
    }


def install_systemd(units: dict[str, str], unit_dir: str | None) -> Path:
    target = Path(unit_dir) if unit_dir else Path(os.path.expanduser("~/.config/systemd/user"))
    target.mkdir(parents=True, exist_ok=True)
    for name, text in units.items():
        (target / name).write_text(text, encoding="utf-8")
    return target


def cmd_schedule(args) -> int:
    from .multisite import expand_configs

    expand_configs(args.config)  # every file must exist, a folder must hold configs
    configs = list(args.config)   # a folder stays a folder: a site added to it is audited too
    workdir = Path(args.workdir or os.getcwd())
    ident = entry_id(configs)
    extra = ["--resume"] if args.resume else []
    cmd = command(configs, workdir, args.db_dir, args.log_dir, args.keep_days, args.jobs, extra)
    try:
        if getattr(args, "uptime", False):
            return _schedule_uptime(args, configs, workdir, ident)
        if args.format == "cron":
            line = cron_line(args.at, cmd, workdir, args.log_dir, ident, user=args.cron_user if args.cron_file else None)
            if args.install:
                where = install_cron(line, ident, args.cron_file)
                print(f"已安装 installed: {where}", file=sys.stderr)
            print(line)
        else:
            units = systemd_units(args.at, cmd, workdir, ident)
            if args.install:
                where = install_systemd(units, args.unit_dir)
                print(f"已写入 written: {where}；启用 enable: systemctl --user daemon-reload && "
                      "systemctl --user enable --now zwgk-audit.timer", file=sys.stderr)
            for name, text in units.items():
                print(f"# ---- {name}\n{text}")
    except ScheduleError as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 2
    return 0


def _schedule_uptime(args, configs: list[str], workdir: Path, ident: str) -> int:
    cmd = uptime_command(configs, workdir, args.db_dir)
    if args.format == "cron":
        line = uptime_cron_line(args.every, cmd, workdir, args.log_dir, ident,
                                user=args.cron_user if args.cron_file else None)
        if args.install:
            print(f"已安装 installed: {install_cron(line, ident, args.cron_file, UPTIME_MARK)}", file=sys.stderr)
        print(line)
        return 0
    units = uptime_systemd_units(args.every, cmd, workdir, ident)
    if args.install:
        where = install_systemd(units, args.unit_dir)
        print(f"已写入 written: {where}；启用 enable: systemctl --user daemon-reload && "
              "systemctl --user enable --now zwgk-uptime.timer", file=sys.stderr)
    for name, text in units.items():
        print(f"# ---- {name}\n{text}")
    return 0
