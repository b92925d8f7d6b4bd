"""The only place with SQL: the database, migrations, one repository module per aggregate, FSM storage, backups."""
