"""What the production image runs, exercised outside Docker (no Docker engine needed).

The Dockerfile's own commands are read from it and run here: the dependency list, the
collectstatic step, gunicorn with gunicorn.conf.py (its CMD) and the HEALTHCHECK. gunicorn
serves production settings against a database that refuses connections, which is also how
the site must behave while PostgreSQL is down. Everything runs in subprocesses: no test
database, nothing written to the work tree. Select or skip with `-k deploy` / `-k "not deploy"`.
"""
