"""The README's command table, generated from the CLI's own help (run by cog in `make lint`,
so the documentation cannot drift from the commands)."""

from __future__ import annotations


def command_table() -> str:
    """A Markdown table: each command's usage with its options, and its help text."""
    import click

    from .cli import main

    ctx = click.Context(main, info_name="riskscore")
    rows = ["| command | what it does |", "|---|---|"]
    for name in main.list_commands(ctx):
        cmd = main.get_command(ctx, name)
        assert cmd is not None
        sub = click.Context(cmd, info_name=name, parent=ctx)
        options = [p for p in cmd.params if isinstance(p, click.Option)
                   and p.name not in ("data_dir", "indicators_dir", "help")]
        usage = " ".join(cmd.collect_usage_pieces(sub)).replace("[OPTIONS]", "").strip()
        opts = " ".join(f"[{o.opts[0]}{'' if o.is_flag else ' ' + o.make_metavar(sub)}]"
                        for o in options)
        command = f"`riskscore {name} {usage} {opts}`".replace("  ", " ").replace(" `", "`")
        help_text = " ".join((cmd.help or "").split())
        rows.append(f"| {_cell(command)} | {_cell(help_text)} |")
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
