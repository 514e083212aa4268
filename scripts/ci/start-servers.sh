#!/usr/bin/env bash
# Start the PostgreSQL 15 (+ hypopg, pg_partman, pg_cron) and MariaDB servers that
# dbarchitect's server tests use, on loopback only, and create the test user and database.
#
#   bash scripts/ci/start-servers.sh [ENV_FILE]
#
# Idempotent: safe to run again while the servers are up. Needs root and the
# Debian packages postgresql-15, postgresql-15-hypopg, postgresql-15-partman,
# postgresql-15-cron and mariadb-server (.ci/run installs them). Works without systemd: PostgreSQL is started with
# pg_ctlcluster, MariaDB by running mariadbd in the background.
#
# If ENV_FILE is given, `export DBARCHITECT_PG_URL=...` and
# `export DBARCHITECT_MYSQL_URL=...` lines (with the real password) are written
# to it, mode 0600, for the caller to `source`. The password is never printed.
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
PG_HOST=127.0.0.1
PG_PORT=5432
MYSQL_HOST=127.0.0.1
MYSQL_PORT=3306
DB_USER=dbarchitect
# Distinct from every other word the tools print, so tests can prove it never appears in output.
DB_PASSWORD=ci-Pw-7f3k9q
DB_NAME=dbarchitect_test
WAIT_SECONDS=${DBARCHITECT_SERVER_WAIT_SECONDS:-60}
# pg_stat_statements: the index advisor reads a live workload from it (advise --stat-statements).
PG_PRELOAD=pg_cron,pg_stat_statements

MYSQL_LOG=/var/log/mysql/dbarchitect-mariadbd.log
MYSQL_RUN_DIR=/run/mysqld
MYSQL_PID_FILE=$MYSQL_RUN_DIR/mysqld.pid
MYSQL_SOCKET=$MYSQL_RUN_DIR/mysqld.sock
MYSQL_DATADIR=/var/lib/mysql

ENV_FILE=${1:-}
if [[ -n $ENV_FILE && $ENV_FILE != /* ]]; then
  ENV_FILE=$PWD/$ENV_FILE
fi
# The postgres user may not be able to read the caller's directory.
cd /

log() { printf '[start-servers %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() {
  printf '[start-servers %s] ERROR: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2
  exit 1
}

[[ $(id -u) -eq 0 ]] || die "must run as root (it starts system database servers)"
for cmd in pg_ctlcluster pg_lsclusters pg_conftool pg_isready psql mariadbd mariadb mariadb-admin; do
  command -v "$cmd" >/dev/null 2>&1 ||
    die "'$cmd' not found: apt-get install postgresql-$PG_VERSION postgresql-$PG_VERSION-hypopg postgresql-$PG_VERSION-partman postgresql-$PG_VERSION-cron mariadb-server"
done
# extension control file -> Debian package
for ext in hypopg:hypopg pg_partman:partman pg_cron:cron; do
  [[ -f /usr/share/postgresql/$PG_VERSION/extension/${ext%%:*}.control ]] ||
    die "${ext%%:*} extension not installed: apt-get install postgresql-$PG_VERSION-${ext##*:}"
done
# Debian ships the contrib modules with the server package.
[[ -f /usr/share/postgresql/$PG_VERSION/extension/pg_stat_statements.control ]] ||
  die "pg_stat_statements not installed: apt-get install postgresql-contrib"


# psql as the postgres superuser over the local socket; SQL on stdin so that
# nothing secret shows up in a process listing.
pg_super() {
  runuser -u postgres -- psql -X -q -t -A -v ON_ERROR_STOP=1 \
    -h /var/run/postgresql -p "$PG_PORT" "$@"
}
# mariadb client as root over the local socket (unix_socket auth).
my_root() {
  mariadb --no-defaults --protocol=socket --socket="$MYSQL_SOCKET" -uroot --batch --skip-column-names "$@"
}

# Run a command with every inherited file descriptor above 2 closed, so that a
# server it leaves running holds no pipe of whoever called this script (a CI
# runner waiting for end-of-file on such a pipe would never get it).
without_inherited_fds() {
  (
    local fd n
    for fd in "/proc/$BASHPID/fd/"*; do
      n=${fd##*/}
      if [[ $n =~ ^[0-9]+$ ]] && ((n > 2)); then
        eval "exec $n>&-" 2>/dev/null || true
      fi
    done
    exec "$@"
  )
}

# Bounded wait: wait_for DESCRIPTION LOGFILE ALIVE_CHECK COMMAND...
# Retries COMMAND once a second for up to WAIT_SECONDS; gives up early (after a
# 2 s grace) if ALIVE_CHECK (a command, or `true`) says the server has died.
wait_for() {
  local what=$1 logfile=$2 alive=$3
  shift 3
  local start=$SECONDS reason=""
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS - start >= WAIT_SECONDS)); then
      reason="did not accept connections within ${WAIT_SECONDS}s"
    elif ((SECONDS - start >= 2)) && ! "$alive"; then
      reason="exited during start-up"
    fi
    if [[ -n $reason ]]; then
      echo "---- last lines of $logfile ----" >&2
      tail -n 30 "$logfile" >&2 2>/dev/null || true
      die "$what $reason (log: $logfile)"
    fi
    sleep 1
  done
}

###############################################################################
# PostgreSQL
###############################################################################
start_postgres() {
  local t0=$SECONDS
  if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    log "creating PostgreSQL $PG_VERSION cluster '$PG_CLUSTER'"
    pg_createcluster --port "$PG_PORT" "$PG_VERSION" "$PG_CLUSTER" >/dev/null
  fi

  # listen_addresses goes in a conf.d drop-in (read after postgresql.conf, so
  # it wins); the port is a plain number that pg_conftool sets safely.
  local confdir=/etc/postgresql/$PG_VERSION/$PG_CLUSTER
  local dropin=$confdir/conf.d/50-dbarchitect-ci.conf
  local want="listen_addresses = '$PG_HOST'	# written by dbarchitect scripts/ci/start-servers.sh"
  if [[ ! -f $dropin || $(cat "$dropin") != "$want" ]]; then
    install -d -o postgres -g postgres "$confdir/conf.d"
    printf '%s\n' "$want" >"$dropin"
    chown postgres:postgres "$dropin"
  fi
  if [[ $(pg_conftool -s "$PG_VERSION" "$PG_CLUSTER" show port 2>/dev/null || true) != "$PG_PORT" ]]; then
    pg_conftool "$PG_VERSION" "$PG_CLUSTER" set port "$PG_PORT"
  fi
  # pg_cron schedules the jobs script's retention and partition maintenance: it must be preloaded,
  # it lives in one database (the test one), and background workers spare it a password.
  local setting
  for setting in "shared_preload_libraries=$PG_PRELOAD" "cron.database_name=$DB_NAME" cron.use_background_workers=on; do
    if [[ $(pg_conftool -s "$PG_VERSION" "$PG_CLUSTER" show "${setting%%=*}" 2>/dev/null || true) != "${setting#*=}" ]]; then
      pg_conftool "$PG_VERSION" "$PG_CLUSTER" set "${setting%%=*}" "${setting#*=}"
    fi
  done

  local datadir pglog status
  datadir=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $6 }')
  pglog=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $7 }')
  [[ -n $pglog ]] || pglog=/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log
  status=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $4 }')

  if [[ $status == online* ]]; then
    local running
    running=$(pg_super -d postgres -c "select concat_ws(' ', current_setting('listen_addresses'), current_setting('port'), current_setting('shared_preload_libraries'), current_setting('cron.database_name', true))" 2>/dev/null || true)
    if [[ $running == "$PG_HOST $PG_PORT $PG_PRELOAD $DB_NAME" ]]; then
      log "PostgreSQL $PG_VERSION/$PG_CLUSTER already running"
    else
      log "PostgreSQL $PG_VERSION/$PG_CLUSTER running with other listen settings (${running:-unknown}): restarting"
      without_inherited_fds pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart </dev/null ||
        die "pg_ctlcluster $PG_VERSION $PG_CLUSTER restart failed (log: $pglog)"
    fi
  else
    # A server killed hard (as when a CI machine's earlier processes are ended)
    # leaves postmaster.pid behind; if its PID now belongs to some other
    # process, postgres would refuse to start. Remove it only in that case.
    local pidfile=$datadir/postmaster.pid oldpid
    if [[ -n $datadir && -f $pidfile ]]; then
      oldpid=$(head -n 1 "$pidfile" 2>/dev/null || true)
      if [[ ! $oldpid =~ ^[0-9]+$ ]] || [[ $(cat "/proc/$oldpid/comm" 2>/dev/null || true) != postgres ]]; then
        log "removing stale $pidfile"
        rm -f "$pidfile"
      fi
    fi
    log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER on $PG_HOST:$PG_PORT"
    if ! without_inherited_fds pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start </dev/null; then
      echo "---- last lines of $pglog ----" >&2
      tail -n 30 "$pglog" >&2 2>/dev/null || true
      die "pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed"
    fi
  fi
  wait_for "PostgreSQL" "$pglog" true pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
  # pg_isready only says the postmaster answers; wait for real queries too.
  wait_for "PostgreSQL" "$pglog" true pg_super -d postgres -c 'select 1'

  # Role (LOGIN, CREATEDB, password re-set every run) and database owned by it.
  pg_super -d postgres -v "u=$DB_USER" <<SQL
select format('create role %I', :'u')
 where not exists (select from pg_roles where rolname = :'u') \gexec
SQL
  printf '%s\n' \
    "alter role \"$DB_USER\" with login createdb nosuperuser password '$DB_PASSWORD';" |
    pg_super -d postgres
  pg_super -d postgres -v "u=$DB_USER" -v "d=$DB_NAME" <<'SQL'
select format('create database %I owner %I', :'d', :'u')
 where not exists (select from pg_database where datname = :'d') \gexec
select format('alter database %I owner to %I', :'d', :'u') \gexec
SQL
  # hypopg, pg_partman and pg_cron are not trusted extensions: create them as superuser. The test
  # user runs the jobs script, so it may use partman's functions and tables and schedule cron jobs.
  pg_super -d "$DB_NAME" -v "u=$DB_USER" <<'SQL'
set client_min_messages = warning;
create extension if not exists hypopg;
create schema if not exists partman;
create extension if not exists pg_partman schema partman;
create extension if not exists pg_cron;
create extension if not exists pg_stat_statements;
grant all on schema partman to :"u";
grant all on all tables in schema partman to :"u";
grant execute on all functions in schema partman to :"u";
grant execute on all procedures in schema partman to :"u";
grant usage on schema cron to :"u";
SQL

  # Check as the test user, over TCP with the password, that hypopg works and
  # that the user can create schemas.
  local out
  out=$(PGPASSWORD=$DB_PASSWORD PGCONNECT_TIMEOUT=10 psql -X -q -t -A -v ON_ERROR_STOP=1 \
    -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" 2>&1 <<'SQL'
create temp table t (a int);
select count(*) from hypopg_create_index('create index on t(a)');
select hypopg_reset();
begin;
create schema dbarchitect_ci_probe;
rollback;
SQL
  ) || die "PostgreSQL check as $DB_USER failed: $out"
  [[ $(head -n 1 <<<"$out") == 1 ]] || die "hypopg_create_index returned no row: $out"
  log "PostgreSQL ready in $((SECONDS - t0))s: hypopg works for $DB_USER; $(pg_super -d "$DB_NAME" -c "select string_agg(extname || ' ' || extversion, ', ' order by extname) from pg_extension where extname in ('hypopg', 'pg_partman', 'pg_cron', 'pg_stat_statements')")"
}

###############################################################################
# MariaDB
###############################################################################
mariadb_alive() { mariadb-admin --no-defaults --socket="$MYSQL_SOCKET" -uroot ping >/dev/null 2>&1; }
# mariadbd writes its pid file only once it is up, so look for the process.
mariadbd_process_exists() { pgrep -x mariadbd >/dev/null; }

start_mariadb() {
  local t0=$SECONDS
  install -d -m 755 -o mysql -g root "$MYSQL_RUN_DIR"
  install -d -m 2750 -o mysql -g adm "$(dirname "$MYSQL_LOG")"
  # mariadbd (running as mysql) reopens its --log-error file itself.
  [[ -e $MYSQL_LOG ]] || install -m 640 -o mysql -g adm /dev/null "$MYSQL_LOG"
  chown mysql:adm "$MYSQL_LOG"

  if mariadb_alive; then
    local bind port
    bind=$(my_root -e 'select @@bind_address')
    port=$(my_root -e 'select @@port')
    if [[ $bind == "$MYSQL_HOST" && $port == "$MYSQL_PORT" ]]; then
      log "MariaDB already running"
    else
      log "MariaDB running on ${bind:-*}:$port, not $MYSQL_HOST:$MYSQL_PORT: shutting it down to restart"
      mariadb-admin --no-defaults --socket="$MYSQL_SOCKET" -uroot shutdown
    fi
  fi

  if ! mariadb_alive; then
    local oldpid=
    [[ -f $MYSQL_PID_FILE ]] && oldpid=$(head -n 1 "$MYSQL_PID_FILE" 2>/dev/null || true)
    if [[ $oldpid =~ ^[0-9]+$ && $(cat "/proc/$oldpid/comm" 2>/dev/null || true) == mariadbd ]]; then
      log "mariadbd (pid $oldpid) is already starting; waiting for it"
    else
      # Leftovers of a server that was killed hard.
      rm -f "$MYSQL_PID_FILE" "$MYSQL_SOCKET" "$MYSQL_SOCKET.lock"
      if [[ ! -d $MYSQL_DATADIR/mysql ]]; then
        log "initialising MariaDB data directory $MYSQL_DATADIR"
        mariadb-install-db --user=mysql --datadir="$MYSQL_DATADIR" >/dev/null ||
          die "mariadb-install-db failed"
      fi
      log "starting MariaDB on $MYSQL_HOST:$MYSQL_PORT"
      # Command-line options override /etc/mysql; setsid -f detaches it from
      # this script so it outlives it, and it holds none of our file descriptors.
      without_inherited_fds setsid -f /usr/sbin/mariadbd --user=mysql \
        --bind-address="$MYSQL_HOST" --port="$MYSQL_PORT" \
        --socket="$MYSQL_SOCKET" --pid-file="$MYSQL_PID_FILE" \
        --log-error="$MYSQL_LOG" \
        </dev/null >>"$MYSQL_LOG" 2>&1
    fi
  fi
  wait_for "MariaDB" "$MYSQL_LOG" mariadbd_process_exists mariadb_alive

  local u=$DB_USER
  # SQL on stdin, never echoed. `dbarchitect\_%` also covers dbarchitect_test;
  # both are granted explicitly for clarity.
  my_root <<SQL || die "creating the MariaDB user and database failed"
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\`;
CREATE USER IF NOT EXISTS '$u'@'127.0.0.1';
CREATE USER IF NOT EXISTS '$u'@'localhost';
ALTER USER '$u'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$u'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$u'@'127.0.0.1', '$u'@'localhost';
GRANT ALL PRIVILEGES ON \`dbarchitect\\_%\`.* TO '$u'@'127.0.0.1', '$u'@'localhost';
-- Introspection reads the InnoDB persistent statistics (index sizes, when a table was last analyzed)
-- and, where it is on, the index usage of performance_schema: what a DBA grants a monitoring user.
GRANT SELECT ON mysql.innodb_table_stats TO '$u'@'127.0.0.1', '$u'@'localhost';
GRANT SELECT ON mysql.innodb_index_stats TO '$u'@'127.0.0.1', '$u'@'localhost';
GRANT SELECT ON performance_schema.* TO '$u'@'127.0.0.1', '$u'@'localhost';
FLUSH PRIVILEGES;
SQL

  # Check as the test user over TCP with the password.
  local out
  out=$(MYSQL_PWD=$DB_PASSWORD mariadb --no-defaults --protocol=tcp -h "$MYSQL_HOST" -P "$MYSQL_PORT" \
    --connect-timeout=10 -u "$DB_USER" --batch --skip-column-names "$DB_NAME" 2>&1 <<'SQL'
CREATE DATABASE IF NOT EXISTS dbarchitect_ci_probe;
DROP DATABASE dbarchitect_ci_probe;
SELECT VERSION();
SQL
  ) || die "MariaDB check as $DB_USER failed: $out"
  log "MariaDB ready in $((SECONDS - t0))s: version $out"
}

start_postgres
start_mariadb

# scheme user password host port database -> URL; the logged form masks the password.
connection_url() { printf '%s://%s:%s@%s:%s/%s' "$1" "$2" "$3" "$4" "$5" "$6"; }
PG_URL=$(connection_url postgres "$DB_USER" "$DB_PASSWORD" "$PG_HOST" "$PG_PORT" "$DB_NAME")
MYSQL_URL=$(connection_url mysql "$DB_USER" "$DB_PASSWORD" "$MYSQL_HOST" "$MYSQL_PORT" "$DB_NAME")
log "DBARCHITECT_PG_URL=$(connection_url postgres "$DB_USER" '***' "$PG_HOST" "$PG_PORT" "$DB_NAME")"
log "DBARCHITECT_MYSQL_URL=$(connection_url mysql "$DB_USER" '***' "$MYSQL_HOST" "$MYSQL_PORT" "$DB_NAME")"

if [[ -n $ENV_FILE ]]; then
  tmp=$(mktemp "$ENV_FILE.XXXXXX")
  chmod 600 "$tmp"
  printf 'export DBARCHITECT_PG_URL=%q\nexport DBARCHITECT_MYSQL_URL=%q\n' "$PG_URL" "$MYSQL_URL" >"$tmp"
  mv -f "$tmp" "$ENV_FILE"
  log "wrote environment to $ENV_FILE"
fi
