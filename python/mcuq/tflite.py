"""Reader for TFLite flatbuffer files, producing plain dataclasses.

`load_model(path_or_bytes)` decodes a .tflite file into `Model` /
`Subgraph` / `Tensor` / `Operator` / `Quant`. Constant tensor data comes back
as read-only numpy arrays already shaped like the tensor; builtin options come
back as a dict keyed by the schema's snake_case field names with enum values
as their names. `mcuq.builder.write_model` is the inverse.

Structural problems (wrong identifier, indices out of range, buffers whose
size does not match the tensor) raise ValueError naming the tensor/operator.
Things that are well-formed but unusual (unknown op codes, several
subgraphs, float tensors) are reported faithfully and left for the importer
to accept or reject.
"""

import math
import os
import struct
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from . import fb

FILE_IDENTIFIER = b"TFL3"

# numpy dtype per TensorType name. INT4 is unpacked to one int8 per element;
# string/resource/variant payloads are left as raw bytes (object dtype).
DTYPES = {
    "FLOAT32": np.dtype(np.float32), "FLOAT16": np.dtype(np.float16),
    "FLOAT64": np.dtype(np.float64), "INT32": np.dtype(np.int32),
    "UINT8": np.dtype(np.uint8), "INT64": np.dtype(np.int64),
    "STRING": np.dtype(object), "BOOL": np.dtype(np.bool_),
    "INT16": np.dtype(np.int16), "COMPLEX64": np.dtype(np.complex64),
    "INT8": np.dtype(np.int8), "COMPLEX128": np.dtype(np.complex128),
    "UINT64": np.dtype(np.uint64), "RESOURCE": np.dtype(object),
    "VARIANT": np.dtype(object), "UINT32": np.dtype(np.uint32),
    "UINT16": np.dtype(np.uint16), "INT4": np.dtype(np.int8),
}
# Types whose buffers are not a dense array of fixed-size elements.
OPAQUE_TYPES = ("STRING", "RESOURCE", "VARIANT")


def _arrays_equal(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return (a.dtype == b.dtype and a.shape == b.shape and
            np.array_equal(a, b))


@dataclass(eq=False)
class Quant:
    scale: np.ndarray       # float32 [n]
    zero_point: np.ndarray  # int64 [n]
    axis: int = 0           # quantized_dimension (meaningful when n > 1)

    @property
    def per_channel(self) -> bool:
        return self.scale.size > 1

    def __eq__(self, other):
        return (isinstance(other, Quant) and self.axis == other.axis and
                _arrays_equal(self.scale, other.scale) and
                _arrays_equal(self.zero_point, other.zero_point))


@dataclass(eq=False)
class Tensor:
    index: int
    name: str
    shape: tuple
    dtype: np.dtype
    type_name: str
    quant: Optional[Quant] = None
    data: Optional[np.ndarray] = None   # constant payload, shaped, read-only
    is_variable: bool = False
    buffer: int = 0

    @property
    def is_const(self) -> bool:
        return self.data is not None

    def __eq__(self, other):
        return (isinstance(other, Tensor) and
                (self.index, self.name, tuple(self.shape), self.dtype,
                 self.type_name, self.is_variable, self.buffer) ==
                (other.index, other.name, tuple(other.shape), other.dtype,
                 other.type_name, other.is_variable, other.buffer) and
                self.quant == other.quant and
                _arrays_equal(self.data, other.data))


@dataclass
class Operator:
    index: int
    opcode: str                 # 'CONV_2D', or 'CUSTOM:<custom_code>'
    version: int
    inputs: list                # -1 = omitted optional input
    outputs: list
    intermediates: list = field(default_factory=list)
    options: dict = field(default_factory=dict)
    custom_options: Optional[bytes] = None


@dataclass
class Subgraph:
    name: str
    tensors: list
    operators: list
    inputs: list
    outputs: list


@dataclass
class SignatureDef:
    key: str
    subgraph_index: int
    inputs: dict    # alias -> tensor index
    outputs: dict


@dataclass
class Model:
    version: int
    description: str
    subgraphs: list
    signature_defs: list = field(default_factory=list)
    metadata: dict = field(default_factory=dict)   # name -> bytes


# ---------------------------------------------------------------------------
# Schema-derived lookup tables
# ---------------------------------------------------------------------------

def type_names() -> dict:
    """TensorType value -> name."""
    return fb.schema().enums["TensorType"].names


def type_value(name: str) -> int:
    return fb.schema().enums["TensorType"].values[name]


def builtin_names() -> dict:
    """BuiltinOperator value -> name."""
    return fb.schema().enums["BuiltinOperator"].names


def builtin_value(name: str) -> int:
    return fb.schema().enums["BuiltinOperator"].values[name]


def options_table_names() -> dict:
    """BuiltinOptions union type id -> options table name."""
    return {v: k for k, v in fb.schema().unions["BuiltinOptions"].items()}


def dtype_of(type_name: str) -> np.dtype:
    return DTYPES[type_name]


def element_count(shape) -> int:
    return int(math.prod(shape)) if len(shape) else 1


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

def _as_list(x):
    # Generated accessors return 0 (not an empty array) for absent vectors.
    if isinstance(x, int):
        return []
    return [int(v) for v in x]


def _string(s) -> str:
    if s is None:
        return ""
    return s.decode("utf-8", errors="replace") if isinstance(s, bytes) else s


def read_options(table, table_name: str) -> dict:
    """Decode an options table into {field: value} with enums as names."""
    sch = fb.schema()
    obj = fb.generated(table_name)()
    obj.Init(table.Bytes, table.Pos)
    out = {}
    for f in sch.tables[table_name]:
        if f.deprecated:
            continue
        acc = fb.camel(f.name)
        kind = sch.kind(f.type)
        if f.is_vector:
            if kind == "table":
                continue  # no options table nests tables today
            if kind == "string":
                n = getattr(obj, acc + "Length")()
                out[f.name] = [_string(getattr(obj, acc)(j)) for j in range(n)]
                continue
            v = getattr(obj, acc + "AsNumpy")()
            out[f.name] = [] if isinstance(v, int) else v.tolist()
            if kind == "enum":
                names = sch.enums[f.type].names
                out[f.name] = [names.get(x, x) for x in out[f.name]]
        elif kind == "string":
            out[f.name] = _string(getattr(obj, acc)())
        elif kind == "enum":
            v = getattr(obj, acc)()
            out[f.name] = sch.enums[f.type].names.get(v, v)
        elif kind == "scalar":
            v = getattr(obj, acc)()
            if f.type == "bool":
                v = bool(v)
            elif f.type in ("float", "double", "float32", "float64"):
                v = float(v)
            else:
                v = int(v)
            out[f.name] = v
    return out


class _Reader:
    def __init__(self, buf: bytes):
        self.buf = buf
        self.pkg = fb.package()
        if len(buf) < 8:
            raise ValueError(f"not a TFLite file: only {len(buf)} bytes")
        if buf[4:8] != FILE_IDENTIFIER:
            raise ValueError(f"not a TFLite file: file identifier is "
                             f"{bytes(buf[4:8])!r}, expected {FILE_IDENTIFIER!r}")
        root = struct.unpack_from("<I", buf, 0)[0]
        if root + 4 > len(buf):
            raise ValueError(f"malformed TFLite file: root table offset {root} "
                             f"outside the {len(buf)}-byte file")
        self.model = fb.generated("Model").GetRootAs(buf, 0)
        self.opt_tables = options_table_names()
        self.op_names = builtin_names()
        self.type_names = type_names()

    def read(self) -> Model:
        m = self.model
        self.buffers = [self.read_buffer(i) for i in range(m.BuffersLength())]
        self.opcodes = [self.read_opcode(i)
                        for i in range(m.OperatorCodesLength())]
        subgraphs = [self.read_subgraph(i) for i in range(m.SubgraphsLength())]
        metadata = {}
        for i in range(m.MetadataLength()):
            md = m.Metadata(i)
            b = md.Buffer()
            if b >= len(self.buffers):
                raise ValueError(f"metadata {i} ({_string(md.Name())!r}): "
                                 f"buffer index {b} out of range "
                                 f"({len(self.buffers)} buffers)")
            metadata[_string(md.Name())] = bytes(self.buffers[b] or b"")
        sigs = []
        for i in range(m.SignatureDefsLength()):
            s = m.SignatureDefs(i)
            sigs.append(SignatureDef(
                _string(s.SignatureKey()), s.SubgraphIndex(),
                {_string(s.Inputs(j).Name()): s.Inputs(j).TensorIndex()
                 for j in range(s.InputsLength())},
                {_string(s.Outputs(j).Name()): s.Outputs(j).TensorIndex()
                 for j in range(s.OutputsLength())}))
        return Model(m.Version(), _string(m.Description()), subgraphs, sigs,
                     metadata)

    def read_buffer(self, i: int):
        """Raw bytes of buffer i (memoryview), or None when it is empty."""
        b = self.model.Buffers(i)
        off, size = b.Offset(), b.Size()
        if off > 1:
            # Data lives after the flatbuffer, addressed from the file start.
            if off + size > len(self.buf):
                raise ValueError(f"buffer {i}: external data [{off}, "
                                 f"{off + size}) outside the "
                                 f"{len(self.buf)}-byte file")
            return memoryview(self.buf)[off:off + size] if size else None
        data = b.DataAsNumpy()
        if isinstance(data, int) or data.size == 0:
            return None
        return data.data

    def read_opcode(self, i: int):
        oc = self.model.OperatorCodes(i)
        code = max(oc.DeprecatedBuiltinCode(), oc.BuiltinCode())
        name = self.op_names.get(code, f"UNKNOWN_BUILTIN_{code}")
        if name == "CUSTOM":
            name = "CUSTOM:" + _string(oc.CustomCode())
        return name, oc.Version()

    def read_subgraph(self, si: int) -> Subgraph:
        g = self.model.Subgraphs(si)
        tensors = [self.read_tensor(g.Tensors(i), i)
                   for i in range(g.TensorsLength())]
        n = len(tensors)
        where = f"subgraph {si}"
        inputs = _as_list(g.InputsAsNumpy())
        outputs = _as_list(g.OutputsAsNumpy())
        for what, lst in (("input", inputs), ("output", outputs)):
            for t in lst:
                if not 0 <= t < n:
                    raise ValueError(f"{where}: {what} tensor index {t} out of "
                                     f"range ({n} tensors)")
        ops = [self.read_operator(g.Operators(i), i, n, where)
               for i in range(g.OperatorsLength())]
        return Subgraph(_string(g.Name()), tensors, ops, inputs, outputs)

    def read_tensor(self, t, i: int) -> Tensor:
        name = _string(t.Name())
        where = f"tensor {i} ({name!r})"
        tv = t.Type()
        type_name = self.type_names.get(tv)
        if type_name is None:
            raise ValueError(f"{where}: unknown tensor type {tv}")
        shape = tuple(_as_list(t.ShapeAsNumpy()))
        if any(d < 0 for d in shape):
            raise ValueError(f"{where}: negative dimension in shape {shape}")
        if t.Sparsity() is not None:
            raise ValueError(f"{where}: sparse tensors are not supported")
        quant = self.read_quant(t.Quantization(), shape, where)
        bi = t.Buffer()
        if bi >= len(self.buffers):
            raise ValueError(f"{where}: buffer index {bi} out of range "
                             f"({len(self.buffers)} buffers)")
        data = self.buffers[bi]
        if data is not None:
            data = self.decode_data(data, shape, type_name, where)
        return Tensor(i, name, shape, DTYPES[type_name], type_name, quant,
                      data, bool(t.IsVariable()), bi)

    @staticmethod
    def read_quant(q, shape, where) -> Optional[Quant]:
        if q is None:
            return None
        if q.DetailsType() != 0:
            raise ValueError(f"{where}: custom quantization details are not "
                             "supported")
        scale = q.ScaleAsNumpy()
        if isinstance(scale, int) or scale.size == 0:
            return None
        scale = np.array(scale, dtype=np.float32)
        zp = q.ZeroPointAsNumpy()
        zp = (np.zeros(scale.size, np.int64) if isinstance(zp, int)
              else np.array(zp, dtype=np.int64))
        if zp.size != scale.size:
            raise ValueError(f"{where}: {scale.size} scales but {zp.size} "
                             "zero points")
        axis = q.QuantizedDimension()
        if scale.size > 1:
            if not 0 <= axis < len(shape):
                # Old TOCO files (person_detect) put quantized_dimension 3 on
                # 1-D conv biases; the count still matches the only axis.
                if len(shape) == 1 and shape[0] == scale.size:
                    return Quant(scale, zp, axis)
                raise ValueError(f"{where}: quantized_dimension {axis} out of "
                                 f"range for shape {shape}")
            if shape[axis] != scale.size:
                raise ValueError(f"{where}: {scale.size} per-channel scales "
                                 f"but dimension {axis} of {shape} is "
                                 f"{shape[axis]}")
        return Quant(scale, zp, axis)

    @staticmethod
    def decode_data(raw, shape, type_name, where) -> np.ndarray:
        raw = memoryview(raw).cast("B")
        if type_name in OPAQUE_TYPES:
            a = np.frombuffer(raw, np.uint8)
            a.flags.writeable = False
            return a
        n = element_count(shape)
        dt = DTYPES[type_name]
        if type_name == "INT4":
            expect = (n + 1) // 2
        else:
            expect = n * dt.itemsize
        if len(raw) != expect:
            raise ValueError(f"{where}: constant buffer holds {len(raw)} bytes "
                             f"but shape {shape} of {type_name} needs {expect}")
        if type_name == "INT4":
            # Two's-complement nibbles, low nibble first.
            b = np.frombuffer(raw, np.uint8)
            nib = np.stack([b & 0xF, b >> 4], axis=-1).reshape(-1)[:n]
            a = ((nib.astype(np.int8) ^ 8) - 8).astype(np.int8)
        else:
            a = np.frombuffer(raw, dt.newbyteorder("<")).astype(dt, copy=False)
        a = a.reshape(shape)
        a.flags.writeable = False
        return a

    def read_operator(self, op, i: int, ntensors: int, where: str) -> Operator:
        oi = op.OpcodeIndex()
        if oi >= len(self.opcodes):
            raise ValueError(f"{where}, operator {i}: opcode index {oi} out of "
                             f"range ({len(self.opcodes)} operator codes)")
        opcode, version = self.opcodes[oi]
        where = f"{where}, operator {i} ({opcode})"
        inputs = _as_list(op.InputsAsNumpy())
        outputs = _as_list(op.OutputsAsNumpy())
        inter = _as_list(op.IntermediatesAsNumpy())
        for what, lst, opt in (("input", inputs, True),
                               ("output", outputs, False),
                               ("intermediate", inter, False)):
            for j, t in enumerate(lst):
                if not (0 <= t < ntensors or (opt and t == -1)):
                    raise ValueError(f"{where}: {what} {j} refers to tensor "
                                     f"{t}, subgraph has {ntensors}")
        options = {}
        ot = op.BuiltinOptionsType()
        if ot != 0:
            tname = self.opt_tables.get(ot)
            tab = op.BuiltinOptions()
            if tname is not None and tab is not None:
                options = read_options(tab, tname)
        custom = None
        loff, lsize = op.LargeCustomOptionsOffset(), op.LargeCustomOptionsSize()
        if loff > 1:
            if loff + lsize > len(self.buf):
                raise ValueError(f"{where}: custom options outside the file")
            custom = bytes(self.buf[loff:loff + lsize])
        else:
            co = op.CustomOptionsAsNumpy()
            if not isinstance(co, int) and co.size:
                custom = co.tobytes()
        return Operator(i, opcode, version, inputs, outputs, inter, options,
                        custom)


def load_model(path_or_bytes) -> Model:
    """Read a .tflite file (path, bytes, bytearray or memoryview)."""
    if isinstance(path_or_bytes, (str, os.PathLike)):
        with open(path_or_bytes, "rb") as f:
            buf = f.read()
    else:
        buf = bytes(path_or_bytes)
    reader = _Reader(buf)
    try:
        return reader.read()
    except ValueError:
        raise
    except (IndexError, struct.error, UnicodeDecodeError, TypeError,
            AttributeError, OverflowError, MemoryError) as e:
        # The generated accessors follow offsets blindly; anything pointing
        # outside the file ends up here.
        raise ValueError(f"malformed TFLite flatbuffer: {type(e).__name__}: "
                         f"{e}") from e
