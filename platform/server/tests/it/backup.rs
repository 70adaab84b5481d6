//! The restore drills, run through the scripts an operator runs (`scripts/backup`,
//! `scripts/restore`), and timed: a whole cluster back to a point in time from a base backup
//! and its WAL archive, and one club back from its archive into a new club.

use std::{
    os::unix::fs::PermissionsExt,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use crate::{
    support::{add_member, free_port, repo_root, spawn_app, stack_vars},
    transfer::{a_busy_club, content, same_content},
};

fn pg_bin() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed (scripts/test installs it)")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort_by_key(|p| p.to_string_lossy().split('/').nth(4).and_then(|v| v.parse::<u32>().ok()));
    versions.pop().expect("a PostgreSQL server")
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A PostgreSQL program, run as `postgres` when the tests run as root (it refuses root).
fn as_pg(program: &str) -> Command {
    let path = pg_bin().join(program);
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(path);
        command
    } else {
        Command::new(path)
    }
}

fn run(command: &mut Command) -> String {
    let output = command.output().expect("running a command");
    assert!(
        output.status.success(),
        "{command:?}\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn give_to_postgres(path: &Path) {
    if is_root() {
        run(Command::new("chown").args(["-R", "postgres:postgres"]).arg(path));
    }
}

fn sql(port: u16, query: &str) -> String {
    run(Command::new(pg_bin().join("psql")).args([
        "-h",
        "127.0.0.1",
        "-p",
        &port.to_string(),
        "-U",
        "dropit",
        "-d",
        "postgres",
        "-tAc",
        query,
    ]))
    .trim()
    .to_owned()
}

/// A throwaway cluster with continuous WAL archiving into `wal`.
fn archiving_cluster(data: &Path, wal: &Path, port: u16) {
    std::fs::create_dir_all(data).expect("data dir");
    give_to_postgres(data);
    run(as_pg("initdb").arg("-D").arg(data).args(["-U", "dropit", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]));
    let conf = format!(
        "\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{data}'\n\
         wal_level = replica\narchive_mode = on\narchive_command = 'test ! -f {wal}/%f && cp %p {wal}/%f'\n",
        data = data.display(),
        wal = wal.display(),
    );
    let file = data.join("postgresql.conf");
    let mut text = std::fs::read_to_string(&file).expect("postgresql.conf");
    text.push_str(&conf);
    std::fs::write(&file, text).expect("postgresql.conf");
    give_to_postgres(data);
    run(as_pg("pg_ctl").arg("start").arg("-D").arg(data).arg("-l").arg(data.join("log")).args(["-w", "-t", "60"]));
}

fn stop(data: &Path) {
    run(as_pg("pg_ctl").arg("stop").arg("-D").arg(data).args(["-m", "fast", "-w"]));
}

fn script(name: &str) -> Command {
    let mut command = Command::new(repo_root().join("scripts").join(name));
    command.env_clear().env("PATH", std::env::var("PATH").unwrap_or_default()).envs(stack_vars());
    command
}

#[test]
fn a_cluster_restored_to_a_point_in_time_has_exactly_the_writes_before_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let (data, wal, backups, restored) =
        (dir.path().join("data"), dir.path().join("wal"), dir.path().join("backups"), dir.path().join("restored"));
    std::fs::create_dir_all(&wal).expect("wal dir");
    give_to_postgres(&wal);
    let port = free_port();
    archiving_cluster(&data, &wal, port);

    sql(port, "CREATE TABLE drill (id integer PRIMARY KEY, what text NOT NULL)");
    sql(port, "INSERT INTO drill VALUES (1, 'before the backup')");
    let url = format!("postgres://dropit@127.0.0.1:{port}/postgres");
    let out = run(script("backup").args(["base", "--dest"]).arg(&backups).env("DROPIT_DATABASE__URL", &url));
    let base = PathBuf::from(out.lines().last().expect("the backup's folder"));
    assert!(base.join("base.tar.gz").exists(), "{out}");

    sql(port, "INSERT INTO drill VALUES (2, 'after the backup')");
    let mark = sql(port, "SELECT clock_timestamp()");
    std::thread::sleep(Duration::from_millis(300));
    sql(port, "INSERT INTO drill VALUES (3, 'after the mark')");
    // The segment holding the last write is archived before the disaster.
    let last = sql(port, "SELECT pg_walfile_name(pg_switch_wal())");
    let deadline = Instant::now() + Duration::from_secs(30);
    while sql(port, "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver") < last {
        assert!(Instant::now() < deadline, "{last} never archived");
        std::thread::sleep(Duration::from_millis(100));
    }
    stop(&data);

    let restored_port = free_port();
    let started = Instant::now();
    run(script("restore")
        .args(["pitr", "--base"])
        .arg(&base)
        .arg("--wal")
        .arg(&wal)
        .arg("--data")
        .arg(&restored)
        .args(["--port", &restored_port.to_string(), "--target-time", &mark]));
    let took = started.elapsed();
    let rows = sql(restored_port, "SELECT string_agg(what, ', ' ORDER BY id) FROM drill");
    assert_eq!(rows, "before the backup, after the backup");
    // Promoted: it takes writes again.
    sql(restored_port, "INSERT INTO drill VALUES (4, 'after the restore')");
    stop(&restored);
    eprintln!("point-in-time restore drill: recovered in {} ms", took.as_millis());
}

#[tokio::test]
async fn a_club_restored_from_its_nightly_archive_has_the_same_content() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let athlete = app.person("Lea").await;
    a_busy_club(&app, &admin, &athlete, "nightly-club").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let dropit = env!("CARGO_BIN_EXE_dropit");

    let out = run(script("backup")
        .args(["clubs", "--dest"])
        .arg(dir.path())
        .env("DROPIT_DATABASE__URL", &app.database_url)
        .env("DROPIT_BIN", dropit)
        .env("DROPIT_LOG__FILTER", "warn"));
    let folder = PathBuf::from(out.lines().last().expect("the archives' folder"));
    let archive = folder.join("nightly-club.zip");
    assert!(archive.exists(), "{out}");

    let started = Instant::now();
    let out = run(script("restore")
        .args(["club", "--archive"])
        .arg(&archive)
        .args(["--slug", "nightly-copy", "--name", "Nightly copy"])
        .env("DROPIT_DATABASE__URL", &app.database_url)
        .env("DROPIT_BIN", dropit)
        .env("DROPIT_LOG__FILTER", "warn"));
    let took = started.elapsed();
    // "created club nightly-copy (<id>) in schema …"
    let id = out
        .split_once("created club nightly-copy (")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(id, _)| id.to_owned())
        .unwrap_or_else(|| panic!("{out}"));
    add_member(&app, "nightly-copy", &id, &admin, "club_admin").await;
    same_content(
        &content(&app, "nightly-club", &admin.token).await,
        &content(&app, "nightly-copy", &admin.token).await,
    );
    eprintln!("club archive restore drill: restored in {} ms", took.as_millis());
}
