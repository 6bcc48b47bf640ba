"""`zwgk schedule`: a cron line or systemd units for the nightly multi-site run."""

import subprocess
import sys


def zwgk(*args):
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True, timeout=60)


def sites(tmp_path):
    folder = tmp_path / "sites"
    folder.mkdir()
    (folder / "a.toml").write_text('[site]\nid = "a"\nname = "甲"\nstart_urls = ["http://127.0.0.1:9/"]\n',
                                   encoding="utf-8")
    return folder


def test_cron_line_runs_every_site_nightly(tmp_path):
    folder = sites(tmp_path)
    proc = zwgk("schedule", "--config", str(folder), "--at", "03:15", "--workdir", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    line = proc.stdout.strip()
    assert line.startswith("15 3 * * * cd ")
    assert f"run --config {folder.resolve()}" in line
    for part in ("--db-dir", "--log-dir", "--keep-days 30", "--quiet", "# zwgk-audit nightly"):
        assert part in line
    assert f"{tmp_path.resolve()}/logs/cron.log" in line


def test_install_into_cron_file_replaces_its_own_entry(tmp_path):
    folder = sites(tmp_path)
    cron = tmp_path / "cron.d" / "zwgk-audit"
    cron.parent.mkdir()
    cron.write_text("0 1 * * * root echo other\n", encoding="utf-8")
    for at in ("02:00", "04:45"):
        proc = zwgk("schedule", "--config", str(folder), "--at", at, "--install", "--cron-file", str(cron),
                    "--workdir", str(tmp_path))
        assert proc.returncode == 0, proc.stderr
    lines = cron.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "0 1 * * * root echo other"
    assert len(lines) == 2 and lines[1].startswith("45 4 * * * root cd ")


def test_systemd_timer_units(tmp_path):
    folder = sites(tmp_path)
    units = tmp_path / "units"
    proc = zwgk("schedule", "--config", str(folder), "--format", "systemd", "--at", "01:05", "--install",
                "--unit-dir", str(units), "--workdir", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    timer = (units / "zwgk-audit.timer").read_text(encoding="utf-8")
    service = (units / "zwgk-audit.service").read_text(encoding="utf-8")
    assert "OnCalendar=*-*-* 01:05:00" in timer and "Persistent=true" in timer
    assert "Type=oneshot" in service and "ExecStart=" in service and " run --config " in service
    assert "systemctl --user enable --now zwgk-audit.timer" in proc.stderr


def test_bad_time_and_missing_config_are_user_errors(tmp_path):
    folder = sites(tmp_path)
    proc = zwgk("schedule", "--config", str(folder), "--at", "25:00")
    assert proc.returncode == 2 and "HH:MM" in proc.stderr and "Traceback" not in proc.stderr
    proc = zwgk("schedule", "--config", str(tmp_path / "none"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
