"""How technical terms are said aloud, where that is not how they are spelled.

A candidate says "engine x", "my sequel", "C sharp" or "pie torch"; Whisper writes what it
hears. These spoken forms are matched only for the terms this interview expects (the
hotwords, `near_terms`), and only word for word, since most of them are ordinary words
("sequel", "jupiter", "jason") that mean the term only in an interview about it.
"""

from __future__ import annotations

SPOKEN: dict[str, tuple[str, ...]] = {
    "Nginx": ("engine x", "engine ex"),
    "SQL": ("sequel",),
    "MySQL": ("my sequel",),
    "PostgreSQL": ("postgre sequel", "postgres sequel", "post gres", "post grass"),
    "SQLite": ("sequel lite", "sequel light", "sequelite"),
    "NoSQL": ("no sequel",),
    "SQL Server": ("sequel server",),
    "T-SQL": ("t sequel", "tee sequel"),
    "PL/SQL": ("pl sequel", "p l sequel"),
    "C#": ("c sharp", "see sharp"),
    "F#": ("f sharp",),
    "C++": ("c plus plus", "see plus plus", "cpp"),
    ".NET": ("dot net",),
    "ASP.NET": ("asp dot net",),
    "Node.js": ("node dot js", "node jay s"),
    "Next.js": ("next dot js",),
    "Vue.js": ("view js", "view dot js", "view jay s"),
    "Django": ("jango", "d jango"),
    "gRPC": ("g r p c", "gee rpc"),
    "PyTorch": ("pie torch",),
    "NumPy": ("num pie", "numb pie"),
    "SciPy": ("sci pie", "sigh pie"),
    "Jupyter": ("jupiter",),
    "JSON": ("jason",),
    "YAML": ("yammel", "yamel"),
    "OAuth": ("oh auth", "o auth"),
    "Amazon S3": ("s three",),
    "Amazon EC2": ("ec two", "e c two"),
    "Neo4j": ("neo four j", "neo for j"),
    "k6": ("k six",),
    "Kubernetes": ("kates", "cube ernetes"),
}
