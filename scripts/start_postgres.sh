#!/usr/bin/env bash
# Starts a local PostgreSQL (Debian's package) and creates the test database for the district
# side's tests. Prints the SQLAlchemy URL to use as JAMSOS_TEST_PG_URL. Run as root (CI).
set -euo pipefail
version=$(ls /etc/postgresql | sort -V | tail -n 1)
pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" && break
  sleep 1
done
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='jamsos'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE jamsos LOGIN PASSWORD 'jamsos'\""
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='jamsos_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O jamsos jamsos_test"
echo "postgresql+psycopg://jamsos:jamsos@127.0.0.1:5432/jamsos_test"
