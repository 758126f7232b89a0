"""CLI commands that live in their own modules; critica.cli loads each only when it runs.

Each module defines one click command or group, named in critica.cli.LAZY_COMMANDS. Commands
stay thin: parse options, call one library function, format the result.
"""
