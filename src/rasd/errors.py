"""The error tree.  Only ``rasd.cli`` turns these into messages and exit codes.

::

    RasdError
     ├── InputError        a document could not be read (empty, binary, mis-encoded, too large)
     ├── DataError         a packaged data file is broken (names the file, the entry, the problem)
     ├── PipelineError     stages are wired wrongly (a stage needs what no earlier stage sets)
     └── SchemaError       an output does not validate against rasd-gold/1
"""


class RasdError(Exception):
    """Base of every error rasd raises on purpose."""


class InputError(RasdError):
    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class DataError(RasdError):
    def __init__(self, path: str, entry: str | None, problem: str):
        where = f"{path}" + (f" [{entry}]" if entry else "")
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.entry = entry
        self.problem = problem


class PipelineError(RasdError):
    pass


class SchemaError(RasdError):
    pass
