"""Access to the flatc-generated Python code for lib/Target/TFLite/tflite.fbs.

The generated package (`tflite`) lives in `<build>/python/tflite`, where
<build> is $MCUQ_BUILD_DIR or `<repo>/build`. It is regenerated with flatc
whenever it is missing or older than the schema, so a fresh clone works
without running CMake first.

`schema()` additionally parses the .fbs itself (tables, enums, unions). The
reader and the builder use it to handle every options table generically
instead of hand-writing one accessor per builtin operator.
"""

import fcntl
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO_ROOT / "lib" / "Target" / "TFLite" / "tflite.fbs"
FLATC = os.environ.get("MCUQ_FLATC", "flatc")


def build_dir() -> Path:
    env = os.environ.get("MCUQ_BUILD_DIR")
    if env:
        return Path(env).resolve()
    return REPO_ROOT / "build"


def generated_dir() -> Path:
    """Directory that holds the generated `tflite` package."""
    return build_dir() / "python"


def _is_stale(pkg: Path) -> bool:
    stamp = pkg / "__init__.py"
    return (not stamp.exists() or
            stamp.stat().st_mtime < SCHEMA_PATH.stat().st_mtime)


def ensure_generated() -> Path:
    """Generate `<build>/python/tflite` if missing or stale; return its parent."""
    out = generated_dir()
    pkg = out / "tflite"
    if not _is_stale(pkg):
        return out
    out.mkdir(parents=True, exist_ok=True)
    # Several test processes may start at once: serialise generation and
    # swap the finished package in, so nobody imports a half-written one.
    with open(out / ".tflite-gen.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _is_stale(pkg):
            return out
        tmp = Path(tempfile.mkdtemp(prefix=".tflite-gen-", dir=out))
        try:
            try:
                subprocess.run([FLATC, "--python", "-o", str(tmp),
                                str(SCHEMA_PATH)],
                               check=True, capture_output=True, text=True)
            except FileNotFoundError:
                raise RuntimeError(
                    f"flatc not found (looked for {FLATC!r}); install the "
                    "flatbuffers-compiler package or set MCUQ_FLATC") from None
            except subprocess.CalledProcessError as e:
                raise RuntimeError(f"flatc failed on {SCHEMA_PATH}:\n{e.stderr}")
            if pkg.exists():
                old = out / f".tflite-old-{os.getpid()}"
                os.rename(pkg, old)
                shutil.rmtree(old, ignore_errors=True)
            os.rename(tmp / "tflite", pkg)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return out


@lru_cache(maxsize=None)
def package():
    """The generated `tflite` package (imported from the build directory)."""
    out = ensure_generated()
    path = str(out)
    if path not in sys.path:
        sys.path.insert(0, path)
    mod = importlib.import_module("tflite")
    origin = Path(mod.__file__).resolve().parent
    if origin != (out / "tflite").resolve():
        raise ImportError(f"imported a foreign `tflite` package from {origin}; "
                          f"expected {out / 'tflite'}")
    return mod


@lru_cache(maxsize=None)
def generated(name: str):
    """Class `name` from the generated module tflite/<name>.py."""
    package()
    return getattr(importlib.import_module(f"tflite.{name}"), name)


@lru_cache(maxsize=None)
def generated_module(name: str):
    package()
    return importlib.import_module(f"tflite.{name}")


def camel(name: str) -> str:
    """flatc's Python method name for a snake_case field (stride_w -> StrideW)."""
    return "".join(p[:1].upper() + p[1:] for p in name.split("_"))


# ---------------------------------------------------------------------------
# Minimal .fbs parser (enough for our own schema file).
# ---------------------------------------------------------------------------

SCALARS = {
    "bool": "bool", "byte": "int8", "ubyte": "uint8", "short": "int16",
    "ushort": "uint16", "int": "int32", "uint": "uint32", "long": "int64",
    "ulong": "uint64", "float": "float32", "double": "float64",
    "int8": "int8", "uint8": "uint8", "int16": "int16", "uint16": "uint16",
    "int32": "int32", "uint32": "uint32", "int64": "int64",
    "uint64": "uint64", "float32": "float32", "float64": "float64",
}


@dataclass
class Field:
    name: str
    type: str          # scalar, "string", an enum/table/union name
    id: int
    is_vector: bool = False
    default: object = None
    deprecated: bool = False


@dataclass
class Enum:
    name: str
    base: str
    values: dict       # member name -> int
    names: dict = field(default_factory=dict)  # int -> member name


@dataclass
class Schema:
    enums: dict        # name -> Enum
    unions: dict       # name -> {member: type id}
    tables: dict       # name -> [Field] (declaration order)

    def kind(self, type_name: str) -> str:
        if type_name in SCALARS:
            return "scalar"
        if type_name == "string":
            return "string"
        if type_name in self.enums:
            return "enum"
        if type_name in self.unions:
            return "union"
        if type_name in self.tables:
            return "table"
        raise KeyError(type_name)


_COMMENT = re.compile(r"//[^\n]*")
_BLOCK = re.compile(r"\b(table|enum|union)\s+(\w+)\s*(?::\s*(\w+))?\s*"
                    r"(?:\([^)]*\))?\s*\{([^}]*)\}", re.S)
_FIELD = re.compile(r"(\w+)\s*:\s*(\[?\s*\w+\s*\]?)\s*(?:=\s*([^(;]+?))?\s*"
                    r"(?:\(([^)]*)\))?\s*;")


def parse_schema(text: str) -> Schema:
    text = _COMMENT.sub("", text)
    enums, unions, tables = {}, {}, {}
    for kind, name, base, body in _BLOCK.findall(text):
        if kind in ("enum", "union"):
            values, nxt = {}, 0 if kind == "enum" else 1
            for item in filter(None, (s.strip() for s in body.split(","))):
                item = re.sub(r"\([^)]*\)", "", item).strip()
                member, _, val = (s.strip() for s in item.partition("="))
                nxt = int(val, 0) if val else nxt
                values[member] = nxt
                nxt += 1
            if kind == "enum":
                enums[name] = Enum(name, base, values,
                                   {v: k for k, v in values.items()})
            else:
                unions[name] = values
            continue
        fields, nxt = [], 0
        for fname, ftype, default, attrs in _FIELD.findall(body):
            is_vec = ftype.startswith("[")
            ftype = ftype.strip("[] ")
            attr = dict((a.split(":") + [""])[:2] for a in
                        (x.strip() for x in attrs.split(",")) if a)
            attr = {k.strip(): v.strip() for k, v in attr.items()}
            fid = int(attr["id"]) if "id" in attr else nxt
            nxt = fid + 1
            fields.append(Field(fname, ftype, fid, is_vec,
                                default.strip() if default else None,
                                "deprecated" in attr))
        tables[name] = fields
    return Schema(enums, unions, tables)


@lru_cache(maxsize=None)
def schema() -> Schema:
    return parse_schema(SCHEMA_PATH.read_text())
