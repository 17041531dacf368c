"""Users of the web app and HTTP API: add one with a role, make an API token."""

from __future__ import annotations

import sys
from getpass import getpass

import typer

from orbat.cli.app import app, console, fail, handles_errors, open_store, settings

user_app = typer.Typer(
    help="Users of the web app and HTTP API (roles: viewer, analyst, admin).", no_args_is_help=True
)
app.add_typer(user_app, name="user")


@user_app.command("add")
@handles_errors
def add(
    name: str = typer.Argument(..., help="Login name (no spaces)."),
    role: str = typer.Option(..., "--role", help="viewer (read), analyst (review, merge, upload) or admin."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input (first line)."
    ),
) -> None:
    """Add a user who logs in with a password.

    Example: echo 's3cret-pass' | orbat user add alice --role analyst --password-stdin
    """
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass("password: ")
        if getpass("again: ") != password:
            fail("the passwords differ")
    else:
        fail("give the password with --password-stdin (or run in a terminal)")
        return
    store = open_store(create=True)
    user = store.add_user(name, role, password, by=settings().user)
    console.print(f"user {user.name} added ({user.role})")


@user_app.command("token")
@handles_errors
def token(
    name: str = typer.Argument(..., help="The user the token acts as."),
    label: str | None = typer.Option(None, help="What the token is for."),
) -> None:
    """Make an API token for a script; it is printed once and stored only as a hash.

    Example: orbat user token alice --label nightly-import
    """
    store = open_store()
    print(store.new_api_token(name, label=label, by=settings().user))


@user_app.command("list")
@handles_errors
def list_() -> None:
    """List the users and their roles.

    Example: orbat user list
    """
    store = open_store()
    for u in store.list_users():
        state = "disabled" if u.disabled else "enabled"
        print(f"{u.name}\t{u.role}\t{state}")
