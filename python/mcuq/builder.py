"""Writing .tflite files.

Two layers:

* `write_model(model)` serialises the dataclasses of `mcuq.tflite` back to a
  flatbuffer; `load_model(write_model(m)) == m` for any model load_model
  returns (operator-code order and metadata buffer indices may change, the
  dataclasses do not).
* `ModelBuilder` assembles small quantized graphs for tests: it creates
  deterministic (seeded) weights and quantization parameters that follow
  TFLite's int8/int16 rules, computes output shapes, and picks output
  scales so activations use the integer range sensibly.

`bad_model(kind)` produces deliberately broken files for the importer's
negative tests (see BAD_KINDS).
"""

import math
from typing import Optional, Sequence

import flatbuffers
import numpy as np

from . import fb
from .tflite import (DTYPES, FILE_IDENTIFIER, OPAQUE_TYPES, Model, Operator,
                     Quant, Subgraph, Tensor, builtin_value, element_count,
                     type_value)

SCHEMA_VERSION = 3

# ---------------------------------------------------------------------------
# Shape rules (TFLite's, so callers never compute them by hand)
# ---------------------------------------------------------------------------


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv_output_size(size: int, kernel: int, stride: int = 1,
                     dilation: int = 1, padding: str = "SAME") -> int:
    """Output length of one spatial axis of a convolution or pooling."""
    eff = (kernel - 1) * dilation + 1
    if padding == "SAME":
        out = (size + stride - 1) // stride
    elif padding == "VALID":
        out = (size - eff + stride) // stride
    else:
        raise ValueError(f"padding must be 'SAME' or 'VALID', not {padding!r}")
    if out <= 0:
        raise ValueError(f"window {kernel} (dilation {dilation}) does not fit "
                         f"input size {size} with {padding} padding")
    return out


def same_padding(size: int, kernel: int, stride: int = 1,
                 dilation: int = 1) -> tuple:
    """(before, after) padding TFLite applies for SAME; the odd pixel goes
    after."""
    out = conv_output_size(size, kernel, stride, dilation, "SAME")
    eff = (kernel - 1) * dilation + 1
    total = max((out - 1) * stride + eff - size, 0)
    return total // 2, total - total // 2


def conv2d_output_shape(in_shape, out_channels, kernel, stride=1,
                        dilation=1, padding="SAME") -> tuple:
    n, h, w, _ = in_shape
    kh, kw = _pair(kernel)
    sh, sw = _pair(stride)
    dh, dw = _pair(dilation)
    return (n, conv_output_size(h, kh, sh, dh, padding),
            conv_output_size(w, kw, sw, dw, padding), out_channels)


def pool2d_output_shape(in_shape, filter_size, stride=None,
                        padding="VALID") -> tuple:
    n, h, w, c = in_shape
    fh, fw = _pair(filter_size)
    sh, sw = _pair(stride if stride is not None else filter_size)
    return (n, conv_output_size(h, fh, sh, 1, padding),
            conv_output_size(w, fw, sw, 1, padding), c)


def resolve_shape(in_shape, new_shape) -> tuple:
    """RESHAPE's target with a single -1 resolved."""
    new_shape = list(new_shape)
    n = element_count(in_shape)
    if new_shape.count(-1) > 1:
        raise ValueError(f"at most one -1 allowed in {new_shape}")
    if -1 in new_shape:
        rest = element_count([d for d in new_shape if d != -1])
        if rest == 0 or n % rest:
            raise ValueError(f"cannot reshape {tuple(in_shape)} to {new_shape}")
        new_shape[new_shape.index(-1)] = n // rest
    if element_count(new_shape) != n:
        raise ValueError(f"cannot reshape {tuple(in_shape)} to {new_shape}")
    return tuple(new_shape)


# ---------------------------------------------------------------------------
# Options: names -> tables, defaults
# ---------------------------------------------------------------------------

# Ops whose options table is not simply "<OpNameInCamelCase>Options".
_IRREGULAR_OPTIONS = {
    "AVERAGE_POOL_2D": "Pool2DOptions", "MAX_POOL_2D": "Pool2DOptions",
    "L2_POOL_2D": "Pool2DOptions", "MEAN": "ReducerOptions",
    "SUM": "ReducerOptions", "REDUCE_PROD": "ReducerOptions",
    "REDUCE_MAX": "ReducerOptions", "REDUCE_MIN": "ReducerOptions",
    "REDUCE_ANY": "ReducerOptions", "REDUCE_ALL": "ReducerOptions",
    "MAXIMUM": "MaximumMinimumOptions", "MINIMUM": "MaximumMinimumOptions",
    "UNIDIRECTIONAL_SEQUENCE_RNN": "SequenceRNNOptions",
    "L2_NORMALIZATION": "L2NormOptions", "CONV_3D": "Conv3DOptions",
    "CONV_3D_TRANSPOSE": "Conv3DOptions", "RANDOM_UNIFORM": "RandomOptions",
    "RANDOM_STANDARD_NORMAL": "RandomOptions", "MULTINOMIAL": "RandomOptions",
}


def options_table(opcode: str) -> Optional[str]:
    """Name of the BuiltinOptions table used by `opcode`, or None."""
    if opcode in _IRREGULAR_OPTIONS:
        return _IRREGULAR_OPTIONS[opcode]
    by_lower = {k.lower(): k for k in fb.schema().unions["BuiltinOptions"]}
    return by_lower.get(opcode.replace("_", "").lower() + "options")


def _parse_default(f: fb.Field):
    sch = fb.schema()
    kind = sch.kind(f.type)
    if f.is_vector:
        return []
    if kind == "string":
        return ""
    if kind == "enum":
        names = sch.enums[f.type].names
        if f.default is None:
            return names.get(0, 0)
        return f.default
    if f.type == "bool":
        return f.default == "true"
    if f.type in ("float", "double", "float32", "float64"):
        return float(f.default) if f.default else 0.0
    return int(f.default, 0) if f.default else 0


def complete_options(opcode: str, options: Optional[dict]) -> dict:
    """`options` with every field of the op's table present (defaults filled
    in, floats rounded to float32), i.e. exactly what load_model returns."""
    options = dict(options or {})
    table = options_table(opcode)
    if table is None:
        if options:
            raise ValueError(f"{opcode} takes no builtin options, got "
                             f"{sorted(options)}")
        return {}
    sch = fb.schema()
    fields = [f for f in sch.tables[table] if not f.deprecated]
    unknown = set(options) - {f.name for f in fields}
    if unknown:
        raise ValueError(f"{table} has no field(s) {sorted(unknown)}")
    out = {}
    for f in fields:
        v = options.get(f.name, _parse_default(f))
        if f.type in ("float", "float32"):
            v = float(np.float32(v))
        elif f.type == "bool":
            v = bool(v)
        elif sch.kind(f.type) == "enum" and isinstance(v, str):
            if v not in sch.enums[f.type].values:
                raise ValueError(f"{table}.{f.name}: {v!r} is not a "
                                 f"{f.type}")
        elif isinstance(v, (np.integer, int)) and sch.kind(f.type) == "scalar":
            v = int(v)
        elif f.is_vector:
            v = [int(x) if isinstance(x, (int, np.integer)) else x for x in v]
        out[f.name] = v
    return out


# ---------------------------------------------------------------------------
# Serialisation
# ---------------------------------------------------------------------------

def _offsets_vector(b: flatbuffers.Builder, offs) -> int:
    b.StartVector(4, len(offs), 4)
    for o in reversed(offs):
        b.PrependUOffsetTRelative(o)
    return b.EndVector()


def _aligned_bytes(b: flatbuffers.Builder, data: bytes, align: int) -> int:
    b.StartVector(1, len(data), align)
    b.head = b.Head() - len(data)
    b.Bytes[b.Head():b.Head() + len(data)] = data
    return b.EndVector()


def _np_vector(b, values, dtype) -> int:
    return b.CreateNumpyVector(np.asarray(values, dtype=dtype).reshape(-1))


def _opcode_key(opcode: str):
    """(builtin code, custom code) for an Operator.opcode string."""
    if opcode.startswith("CUSTOM:"):
        return builtin_value("CUSTOM"), opcode[len("CUSTOM:"):]
    if opcode.startswith("UNKNOWN_BUILTIN_"):
        return int(opcode[len("UNKNOWN_BUILTIN_"):]), None
    try:
        return builtin_value(opcode), None
    except KeyError:
        raise ValueError(f"unknown operator {opcode!r}") from None


def tensor_bytes(t: Tensor) -> bytes:
    """Little-endian payload of a constant tensor (INT4 packed two per byte,
    low nibble first)."""
    a = np.asarray(t.data)
    if t.type_name in OPAQUE_TYPES:
        return a.astype(np.uint8).tobytes()
    if t.type_name == "INT4":
        v = (a.astype(np.int8).reshape(-1) & 0xF).astype(np.uint8)
        if v.size % 2:
            v = np.append(v, np.uint8(0))
        return (v[0::2] | (v[1::2] << 4)).astype(np.uint8).tobytes()
    dt = DTYPES[t.type_name].newbyteorder("<")
    return np.ascontiguousarray(a, dtype=dt).tobytes()


def _write_options(b, table: str, options: dict) -> int:
    sch = fb.schema()
    mod = fb.generated_module(table)
    fields = [f for f in sch.tables[table] if not f.deprecated]
    # Children (vectors, strings) must be finished before the table starts.
    children = {}
    for f in fields:
        if f.name not in options:
            continue
        v = options[f.name]
        kind = sch.kind(f.type)
        if f.is_vector:
            if kind == "enum":
                vals = sch.enums[f.type].values
                v = [vals[x] if isinstance(x, str) else x for x in v]
                dt = fb.SCALARS[sch.enums[f.type].base]
            elif kind == "string":
                offs = [b.CreateString(s) for s in v]
                children[f.name] = _offsets_vector(b, offs)
                continue
            else:
                dt = fb.SCALARS[f.type]
            children[f.name] = _np_vector(b, v, dt)
        elif kind == "string":
            children[f.name] = b.CreateString(v)
    getattr(mod, f"{table}Start")(b)
    for f in fields:
        if f.name not in options:
            continue
        add = getattr(mod, f"{table}Add{fb.camel(f.name)}")
        if f.name in children:
            add(b, children[f.name])
            continue
        v = options[f.name]
        if sch.kind(f.type) == "enum" and isinstance(v, str):
            v = sch.enums[f.type].values[v]
        add(b, v)
    return getattr(mod, f"{table}End")(b)


def write_model(model: Model, *, num_buffers: Optional[int] = None,
                external_buffers: bool = False) -> bytes:
    """Serialise `model` to .tflite bytes.

    Tensors keep their `buffer` index; constants with buffer 0 get a fresh
    buffer. No validation is done beyond what serialisation needs, so broken
    models can be written on purpose. `num_buffers` forces the length of the
    buffer table (at least what the constants need), e.g. to leave a
    tensor's buffer index dangling. `external_buffers` stores constant data
    after the flatbuffer, addressed by Buffer.offset/size (the form TFLite
    uses for files over 2 GB).
    """
    if not external_buffers:
        return _serialize(model, num_buffers, None)
    # Offsets change field values, not the layout: size the flatbuffer with
    # placeholders, then write it again with the real offsets.
    head = _serialize(model, num_buffers, {})
    pos = (len(head) + 15) & ~15
    ext, chunks = {}, []
    for i, data in sorted(_plan_buffers(model, num_buffers)[0].items()):
        if data:
            ext[i] = (pos, len(data))
            chunks.append((pos, data))
            pos = (pos + len(data) + 15) & ~15
    out = bytearray(_serialize(model, num_buffers, ext))
    if len(out) != len(head):
        raise RuntimeError("flatbuffer size changed between passes")
    for at, data in chunks:
        out.extend(bytes(at - len(out)))
        out.extend(data)
    return bytes(out)


def _plan_buffers(model: Model, num_buffers: Optional[int]):
    """(payload by buffer index, buffer per (subgraph, tensor), metadata
    buffer per name, buffer count)."""
    payload = {}          # buffer index -> bytes
    used = [t.buffer for g in model.subgraphs for t in g.tensors]
    next_free = max(used + [0]) + 1
    tensor_buffer = {}
    for si, g in enumerate(model.subgraphs):
        for t in g.tensors:
            bi = t.buffer
            if t.data is not None:
                data = tensor_bytes(t)
                if bi == 0:
                    bi, next_free = next_free, next_free + 1
                elif bi in payload and payload[bi] != data:
                    raise ValueError(f"subgraph {si} tensor {t.index}: buffer "
                                     f"{bi} already holds different data")
                payload[bi] = data
            tensor_buffer[(si, t.index)] = bi
    nbuf = max(list(payload) + [0]) + 1
    # Non-constant tensors may name their own (empty) buffers, as the
    # converter's files do; keep those indices valid unless told otherwise.
    nbuf = max(nbuf, next_free if num_buffers is None else num_buffers)
    meta_buffers = {}
    for name, data in model.metadata.items():
        meta_buffers[name] = nbuf
        payload[nbuf] = bytes(data)
        nbuf += 1
    return payload, tensor_buffer, meta_buffers, nbuf


def _serialize(model: Model, num_buffers: Optional[int],
               external: Optional[dict]) -> bytes:
    """The flatbuffer; with `external` ({buffer: (offset, size)}, {} for
    placeholders) buffer data is referenced instead of embedded."""
    b = flatbuffers.Builder(1 << 16)
    Model_ = fb.generated_module("Model")
    SubGraph_ = fb.generated_module("SubGraph")
    Tensor_ = fb.generated_module("Tensor")
    QP_ = fb.generated_module("QuantizationParameters")
    Op_ = fb.generated_module("Operator")
    OC_ = fb.generated_module("OperatorCode")
    Buffer_ = fb.generated_module("Buffer")
    Metadata_ = fb.generated_module("Metadata")
    TensorMap_ = fb.generated_module("TensorMap")
    SigDef_ = fb.generated_module("SignatureDef")
    union_ids = fb.schema().unions["BuiltinOptions"]

    payload, tensor_buffer, meta_buffers, nbuf = _plan_buffers(model,
                                                                num_buffers)

    # -- operator codes (order of first use) ---------------------------------
    codes, code_index = [], {}
    for g in model.subgraphs:
        for op in g.operators:
            key = (op.opcode, op.version)
            if key not in code_index:
                code_index[key] = len(codes)
                codes.append(key)

    # Big payloads first: their alignment padding is then cheapest.
    buf_offs = []
    data_offs = {} if external is not None else \
        {i: _aligned_bytes(b, d, 16) for i, d in payload.items() if d}
    for i in range(nbuf):
        Buffer_.BufferStart(b)
        if i in data_offs:
            Buffer_.BufferAddData(b, data_offs[i])
        elif external is not None and payload.get(i):
            off, size = external.get(i, (1 << 40, len(payload[i])))
            Buffer_.BufferAddOffset(b, off)
            Buffer_.BufferAddSize(b, size)
        buf_offs.append(Buffer_.BufferEnd(b))
    buffers_vec = _offsets_vector(b, buf_offs)

    oc_offs = []
    for opcode, version in codes:
        code, custom = _opcode_key(opcode)
        custom_off = b.CreateString(custom) if custom is not None else None
        OC_.OperatorCodeStart(b)
        OC_.OperatorCodeAddDeprecatedBuiltinCode(b, min(code, 127))
        if custom_off is not None:
            OC_.OperatorCodeAddCustomCode(b, custom_off)
        OC_.OperatorCodeAddVersion(b, version)
        OC_.OperatorCodeAddBuiltinCode(b, code)
        oc_offs.append(OC_.OperatorCodeEnd(b))
    opcodes_vec = _offsets_vector(b, oc_offs)

    sg_offs = []
    for si, g in enumerate(model.subgraphs):
        t_offs = []
        for t in g.tensors:
            name = b.CreateString(t.name)
            shape = _np_vector(b, t.shape, np.int32)
            q_off = None
            if t.quant is not None:
                scale = _np_vector(b, t.quant.scale, np.float32)
                zp = _np_vector(b, t.quant.zero_point, np.int64)
                QP_.QuantizationParametersStart(b)
                QP_.QuantizationParametersAddScale(b, scale)
                QP_.QuantizationParametersAddZeroPoint(b, zp)
                QP_.QuantizationParametersAddQuantizedDimension(b, t.quant.axis)
                q_off = QP_.QuantizationParametersEnd(b)
            Tensor_.TensorStart(b)
            Tensor_.TensorAddShape(b, shape)
            Tensor_.TensorAddType(b, type_value(t.type_name))
            Tensor_.TensorAddBuffer(b, tensor_buffer[(si, t.index)])
            Tensor_.TensorAddName(b, name)
            if q_off is not None:
                Tensor_.TensorAddQuantization(b, q_off)
            Tensor_.TensorAddIsVariable(b, bool(t.is_variable))
            t_offs.append(Tensor_.TensorEnd(b))
        tensors_vec = _offsets_vector(b, t_offs)

        op_offs = []
        for op in g.operators:
            ins = _np_vector(b, op.inputs, np.int32)
            outs = _np_vector(b, op.outputs, np.int32)
            inter = (_np_vector(b, op.intermediates, np.int32)
                     if op.intermediates else None)
            custom = (b.CreateNumpyVector(np.frombuffer(op.custom_options,
                                                        np.uint8))
                      if op.custom_options is not None else None)
            opt_off, opt_type = None, 0
            if op.options:
                table = options_table(op.opcode)
                if table is None:
                    raise ValueError(f"operator {op.index} ({op.opcode}) has "
                                     "options but no options table")
                opt_off = _write_options(b, table, op.options)
                opt_type = union_ids[table]
            Op_.OperatorStart(b)
            Op_.OperatorAddOpcodeIndex(b, code_index[(op.opcode, op.version)])
            Op_.OperatorAddInputs(b, ins)
            Op_.OperatorAddOutputs(b, outs)
            if opt_off is not None:
                Op_.OperatorAddBuiltinOptionsType(b, opt_type)
                Op_.OperatorAddBuiltinOptions(b, opt_off)
            if custom is not None:
                Op_.OperatorAddCustomOptions(b, custom)
            if inter is not None:
                Op_.OperatorAddIntermediates(b, inter)
            op_offs.append(Op_.OperatorEnd(b))
        ops_vec = _offsets_vector(b, op_offs)
        ins_vec = _np_vector(b, g.inputs, np.int32)
        outs_vec = _np_vector(b, g.outputs, np.int32)
        name = b.CreateString(g.name)
        SubGraph_.SubGraphStart(b)
        SubGraph_.SubGraphAddTensors(b, tensors_vec)
        SubGraph_.SubGraphAddInputs(b, ins_vec)
        SubGraph_.SubGraphAddOutputs(b, outs_vec)
        SubGraph_.SubGraphAddOperators(b, ops_vec)
        SubGraph_.SubGraphAddName(b, name)
        sg_offs.append(SubGraph_.SubGraphEnd(b))
    subgraphs_vec = _offsets_vector(b, sg_offs)

    md_offs = []
    for name, bi in meta_buffers.items():
        n = b.CreateString(name)
        Metadata_.MetadataStart(b)
        Metadata_.MetadataAddName(b, n)
        Metadata_.MetadataAddBuffer(b, bi)
        md_offs.append(Metadata_.MetadataEnd(b))
    metadata_vec = _offsets_vector(b, md_offs) if md_offs else None

    sig_offs = []
    for s in model.signature_defs:
        maps = []
        for d in (s.inputs, s.outputs):
            offs = []
            for alias, ti in d.items():
                n = b.CreateString(alias)
                TensorMap_.TensorMapStart(b)
                TensorMap_.TensorMapAddName(b, n)
                TensorMap_.TensorMapAddTensorIndex(b, ti)
                offs.append(TensorMap_.TensorMapEnd(b))
            maps.append(_offsets_vector(b, offs))
        key = b.CreateString(s.key)
        SigDef_.SignatureDefStart(b)
        SigDef_.SignatureDefAddInputs(b, maps[0])
        SigDef_.SignatureDefAddOutputs(b, maps[1])
        SigDef_.SignatureDefAddSignatureKey(b, key)
        SigDef_.SignatureDefAddSubgraphIndex(b, s.subgraph_index)
        sig_offs.append(SigDef_.SignatureDefEnd(b))
    sigs_vec = _offsets_vector(b, sig_offs) if sig_offs else None

    desc = b.CreateString(model.description)
    Model_.ModelStart(b)
    Model_.ModelAddVersion(b, model.version)
    Model_.ModelAddOperatorCodes(b, opcodes_vec)
    Model_.ModelAddSubgraphs(b, subgraphs_vec)
    Model_.ModelAddDescription(b, desc)
    Model_.ModelAddBuffers(b, buffers_vec)
    if metadata_vec is not None:
        Model_.ModelAddMetadata(b, metadata_vec)
    if sigs_vec is not None:
        Model_.ModelAddSignatureDefs(b, sigs_vec)
    root = Model_.ModelEnd(b)
    b.Finish(root, file_identifier=FILE_IDENTIFIER)
    return bytes(b.Output())


# ---------------------------------------------------------------------------
# ModelBuilder
# ---------------------------------------------------------------------------

ACTIVATIONS = ("NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH", "SIGN_BIT")

# Operator versions as the TFLite converter writes them for int8 models.
# Informational only: TFLM and mcuq do not dispatch on them.
OP_VERSIONS = {
    "CONV_2D": 3, "DEPTHWISE_CONV_2D": 3, "FULLY_CONNECTED": 4,
    "AVERAGE_POOL_2D": 2, "MAX_POOL_2D": 2, "ADD": 2, "MUL": 2,
    "RESHAPE": 1, "SOFTMAX": 2, "LOGISTIC": 2, "TANH": 2, "QUANTIZE": 1,
    "DEQUANTIZE": 2, "MEAN": 2, "PAD": 2, "PADV2": 2, "CONCATENATION": 2,
    "MAXIMUM": 2, "MINIMUM": 2, "RELU": 2, "RELU6": 2, "RELU_N1_TO_1": 1,
    "SVDF": 3, "UNIDIRECTIONAL_SEQUENCE_LSTM": 1,
}

_QRANGE = {"INT8": (-128, 127), "INT16": (-32768, 32767),
           "INT32": (-2**31, 2**31 - 1), "INT64": (-2**63, 2**63 - 1),
           "UINT8": (0, 255)}

# Typical |q - zp| spread of an activation, used only to pick scales.
_SPREAD = {"INT8": 64.0, "INT16": 8192.0}


def type_name_of(dtype) -> str:
    """Normalise 'int8', np.int8, 'INT8', ... to a TensorType name."""
    if isinstance(dtype, str) and dtype.upper() in DTYPES:
        return dtype.upper()
    dt = np.dtype(dtype)
    for name, d in DTYPES.items():
        if d == dt and name not in ("INT4",) + OPAQUE_TYPES:
            return name
    raise ValueError(f"no TFLite tensor type for {dtype!r}")


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


class ModelBuilder:
    """Builds a one-subgraph model op by op.

    Every op helper takes tensor indices and returns the index of its output
    tensor. Quantization of created tensors follows TFLite:
      * weights int8, symmetric (zero point 0); conv filters per-channel on
        axis 0, depthwise filters on axis 3, FC/SVDF/LSTM weights per-tensor;
      * biases int32 (int64 for int16 activations) with
        scale = input scale * weight scale (per channel) and zero point 0;
      * int16 activations have zero point 0;
      * SOFTMAX/LOGISTIC/TANH outputs use the fixed output parameters TFLite
        requires; shape-only ops (RESHAPE, pools, PAD, CONCATENATION,
        MAXIMUM/MINIMUM) keep their input's parameters.
    Omitted output scales/zero points are derived from the expected range.
    All randomness comes from numpy's default_rng(seed), in call order.
    """

    def __init__(self, seed: int = 0, name: str = "main",
                 description: str = "mcuq ModelBuilder"):
        self.rng = np.random.default_rng(seed)
        self.name = name
        self.description = description
        self.tensors: list = []
        self.operators: list = []
        self.inputs: list = []
        self.outputs: list = []
        self.metadata: dict = {}
        self._buffers = 0
        self._names = set()

    # -- tensors ------------------------------------------------------------

    def _unique(self, name: str) -> str:
        base, k = name, 1
        while name in self._names:
            name, k = f"{base}_{k}", k + 1
        self._names.add(name)
        return name

    def tensor(self, name: str, shape, dtype="int8", scale=None,
               zero_point=None, axis: int = 0, data=None,
               is_variable: bool = False) -> int:
        """Add any tensor. `scale`/`zero_point` may be scalars or per-axis
        sequences; scale None means unquantized. `data` makes it constant."""
        tname = type_name_of(dtype)
        shape = tuple(int(d) for d in shape)
        quant = None
        if scale is not None:
            s = np.atleast_1d(np.asarray(scale, dtype=np.float32)).copy()
            zp = np.zeros(s.size, np.int64) if zero_point is None else \
                np.atleast_1d(np.asarray(zero_point, dtype=np.int64)).copy()
            if zp.size == 1 and s.size > 1:
                zp = np.repeat(zp, s.size)
            quant = Quant(s, zp, int(axis))
        buffer = 0
        if data is not None:
            data = np.asarray(data)
            if tname not in OPAQUE_TYPES:
                data = data.astype(DTYPES[tname]).reshape(shape)
            data = _readonly(data)
            self._buffers += 1
            buffer = self._buffers
        idx = len(self.tensors)
        self.tensors.append(Tensor(idx, self._unique(name), shape,
                                   DTYPES[tname], tname, quant, data,
                                   bool(is_variable), buffer))
        return idx

    def input(self, shape, dtype="int8", scale=None, zero_point=None,
              name: str = "input") -> int:
        """A graph input. Defaults: int8 scale 1/64 zp 0, int16 scale 2^-12,
        float32 unquantized."""
        tname = type_name_of(dtype)
        if tname == "INT8" and scale is None:
            scale = 1 / 64
        elif tname == "INT16" and scale is None:
            scale = 2.0 ** -12
        if tname == "INT16" and zero_point:
            raise ValueError("int16 activations must have zero point 0")
        t = self.tensor(name, shape, tname, scale, zero_point or 0)
        self.inputs.append(t)
        return t

    def const(self, data, dtype=None, scale=None, zero_point=None,
              axis: int = 0, name: str = "const") -> int:
        data = np.asarray(data)
        return self.tensor(name, data.shape, dtype or data.dtype, scale,
                           zero_point, axis, data)

    def activation(self, shape, dtype="int8", scale=None, zero_point=None,
                   name: str = "act") -> int:
        """A non-constant intermediate tensor."""
        return self.tensor(name, shape, dtype, scale, zero_point)

    def output(self, *tensors: int):
        self.outputs.extend(tensors)

    def t(self, idx: int) -> Tensor:
        return self.tensors[idx]

    def op(self, opcode: str, inputs, outputs, options=None,
           version: Optional[int] = None, intermediates=(),
           custom_options: Optional[bytes] = None) -> Operator:
        """Add any operator; options are completed with schema defaults."""
        if not opcode.startswith(("CUSTOM:", "UNKNOWN_BUILTIN_")):
            builtin_value(opcode)  # KeyError for typos
            options = complete_options(opcode, options)
        o = Operator(len(self.operators), opcode,
                     version if version is not None else
                     OP_VERSIONS.get(opcode, 1),
                     [int(i) for i in inputs], [int(i) for i in outputs],
                     [int(i) for i in intermediates], options or {},
                     custom_options)
        self.operators.append(o)
        return o

    # -- quantization helpers ---------------------------------------------

    def _qinfo(self, idx):
        t = self.tensors[idx]
        if t.type_name not in ("INT8", "INT16") or t.quant is None:
            raise ValueError(f"tensor {idx} ({t.name!r}) must be quantized "
                             f"int8/int16, is {t.type_name}"
                             f"{'' if t.quant else ' without quantization'}")
        return t, float(t.quant.scale[0]), int(t.quant.zero_point[0])

    def _weights(self, shape, fan_in, axis=None, dtype="INT8", gain=1.0):
        """Symmetric random weights; one scale per slice of `axis` (or one
        per tensor). Real-valued std ~ gain * sqrt(2/fan_in) (He init)."""
        lo, hi = _QRANGE[dtype]
        q = self.rng.integers(-hi, hi + 1, size=shape)
        n = 1 if axis is None else shape[axis]
        std_q = hi / math.sqrt(3.0)
        scales = (gain * math.sqrt(2.0 / fan_in) / std_q *
                  self.rng.uniform(0.7, 1.3, size=n)).astype(np.float32)
        return q, scales

    def _bias(self, n, in_scale, w_scales, acc_std, dtype):
        """Bias with scale = in_scale * w_scale (per channel when the
        weights are), zero point 0, real std ~ acc_std / 4."""
        scales = (np.float64(in_scale) *
                  np.asarray(w_scales, np.float64)).astype(np.float32)
        real = self.rng.normal(0.0, 0.25 * acc_std, size=n)
        lo, hi = _QRANGE[dtype]
        q = np.clip(np.round(real / scales.astype(np.float64)), lo, hi)
        return q.astype(DTYPES[dtype]), scales

    def _auto_quant(self, std, activation, dtype, scale=None,
                    zero_point=None):
        """Output (scale, zero point) covering about +-3 std, clipped to
        what the fused activation can produce."""
        if scale is not None:
            return float(scale), int(zero_point or 0)
        lo, hi = -3.0 * std, 3.0 * std
        if activation == "RELU":
            lo = 0.0
        elif activation == "RELU6":
            lo, hi = 0.0, min(hi, 6.0)
        elif activation == "RELU_N1_TO_1":
            lo, hi = max(lo, -1.0), min(hi, 1.0)
        elif activation == "TANH":
            lo, hi = max(lo, -1.0), min(hi, 1.0)
        if dtype == "INT16":
            return max(abs(lo), abs(hi)) / 32767.0, 0
        if activation == "NONE":
            # Off-centre ranges exercise non-trivial zero points.
            shift = self.rng.uniform(-0.15, 0.15) * (hi - lo)
            lo, hi = lo + shift, hi + shift
        s = (hi - lo) / 255.0
        if zero_point is None:
            zero_point = int(np.clip(round(-128 - lo / s), -128, 127))
        return s, int(zero_point)

    @staticmethod
    def _check_act(activation):
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown fused activation {activation!r}")

    def _bias_type(self, in_type):
        return "INT64" if in_type == "INT16" else "INT32"

    # -- convolution family ------------------------------------------------

    def conv2d(self, x: int, out_channels: int, kernel=(3, 3), stride=1,
               padding="SAME", dilation=1, activation="NONE",
               per_channel=True, bias=True, gain=1.0, out_scale=None,
               out_zero_point=None, name="conv2d") -> int:
        """CONV_2D with filter [O, KH, KW, I] (per-channel axis 0). `gain`
        scales the weights' real magnitude (1.0 keeps activations' spread)."""
        self._check_act(activation)
        t, s_in, _ = self._qinfo(x)
        n, h, w, cin = t.shape
        kh, kw = _pair(kernel)
        sh, sw = _pair(stride)
        dh, dw = _pair(dilation)
        fan_in = kh * kw * cin
        q, ws = self._weights((out_channels, kh, kw, cin), fan_in,
                              0 if per_channel else None, gain=gain)
        f = self.const(q, "int8", ws, 0, 0, name=f"{name}/filter")
        acc_std = gain * s_in * _SPREAD[t.type_name] * math.sqrt(2.0)
        ins = [x, f]
        if bias:
            bt = self._bias_type(t.type_name)
            bq, bs = self._bias(out_channels, s_in, ws, acc_std, bt)
            ins.append(self.const(bq, bt, bs, 0, 0, name=f"{name}/bias"))
        else:
            ins.append(-1)
        shape = conv2d_output_shape(t.shape, out_channels, (kh, kw), (sh, sw),
                                    (dh, dw), padding)
        os_, oz = self._auto_quant(acc_std, activation, t.type_name,
                                   out_scale, out_zero_point)
        y = self.activation(shape, t.type_name, os_, oz, name=name)
        self.op("CONV_2D", ins, [y], {
            "padding": padding, "stride_w": sw, "stride_h": sh,
            "fused_activation_function": activation,
            "dilation_w_factor": dw, "dilation_h_factor": dh},
            version=4 if t.type_name == "INT16" else None)
        return y

    def depthwise_conv2d(self, x: int, kernel=(3, 3), stride=1,
                         padding="SAME", depth_multiplier=1, dilation=1,
                         activation="NONE", bias=True, gain=1.0,
                         out_scale=None, out_zero_point=None,
                         name="depthwise") -> int:
        """DEPTHWISE_CONV_2D with filter [1, KH, KW, I*M] (per-channel
        axis 3)."""
        self._check_act(activation)
        t, s_in, _ = self._qinfo(x)
        n, h, w, cin = t.shape
        kh, kw = _pair(kernel)
        sh, sw = _pair(stride)
        dh, dw = _pair(dilation)
        cout = cin * depth_multiplier
        q, ws = self._weights((1, kh, kw, cout), kh * kw, 3, gain=gain)
        f = self.const(q, "int8", ws, 0, 3, name=f"{name}/filter")
        acc_std = gain * s_in * _SPREAD[t.type_name] * math.sqrt(2.0)
        ins = [x, f]
        if bias:
            bt = self._bias_type(t.type_name)
            bq, bs = self._bias(cout, s_in, ws, acc_std, bt)
            ins.append(self.const(bq, bt, bs, 0, 0, name=f"{name}/bias"))
        else:
            ins.append(-1)
        shape = conv2d_output_shape(t.shape, cout, (kh, kw), (sh, sw),
                                    (dh, dw), padding)
        os_, oz = self._auto_quant(acc_std, activation, t.type_name,
                                   out_scale, out_zero_point)
        y = self.activation(shape, t.type_name, os_, oz, name=name)
        self.op("DEPTHWISE_CONV_2D", ins, [y], {
            "padding": padding, "stride_w": sw, "stride_h": sh,
            "depth_multiplier": depth_multiplier,
            "fused_activation_function": activation,
            "dilation_w_factor": dw, "dilation_h_factor": dh})
        return y

    def fully_connected(self, x: int, units: int, activation="NONE",
                        keep_num_dims=False, input_size=None, bias=True,
                        per_channel=False, gain=1.0, out_scale=None,
                        out_zero_point=None, name="fc") -> int:
        """FULLY_CONNECTED with weights [units, input_size]. input_size
        defaults to the last input dim; without keep_num_dims the input is
        viewed as [-1, input_size]."""
        self._check_act(activation)
        t, s_in, _ = self._qinfo(x)
        k = input_size or t.shape[-1]
        n = element_count(t.shape)
        if n % k:
            raise ValueError(f"input {t.shape} is not a multiple of {k}")
        if keep_num_dims and k != t.shape[-1]:
            raise ValueError("keep_num_dims needs input_size == last dim")
        q, ws = self._weights((units, k), k, 0 if per_channel else None,
                              gain=gain)
        wt = self.const(q, "int8", ws, 0, 0, name=f"{name}/weights")
        acc_std = gain * s_in * _SPREAD[t.type_name] * math.sqrt(2.0)
        ins = [x, wt]
        if bias:
            bt = self._bias_type(t.type_name)
            bq, bs = self._bias(units, s_in, ws, acc_std, bt)
            ins.append(self.const(bq, bt, bs, 0, 0, name=f"{name}/bias"))
        else:
            ins.append(-1)
        shape = (t.shape[:-1] + (units,)) if keep_num_dims else (n // k, units)
        os_, oz = self._auto_quant(acc_std, activation, t.type_name,
                                   out_scale, out_zero_point)
        y = self.activation(shape, t.type_name, os_, oz, name=name)
        self.op("FULLY_CONNECTED", ins, [y], {
            "fused_activation_function": activation,
            "keep_num_dims": keep_num_dims},
            version=5 if keep_num_dims else None)
        return y

    def _pool(self, opcode, x, filter_size, stride, padding, activation,
              name):
        self._check_act(activation)
        t, s, z = self._qinfo(x)
        fh, fw = _pair(filter_size)
        sh, sw = _pair(stride if stride is not None else filter_size)
        shape = pool2d_output_shape(t.shape, (fh, fw), (sh, sw), padding)
        y = self.activation(shape, t.type_name, s, z, name=name)
        self.op(opcode, [x], [y], {
            "padding": padding, "stride_w": sw, "stride_h": sh,
            "filter_width": fw, "filter_height": fh,
            "fused_activation_function": activation})
        return y

    def average_pool2d(self, x, filter_size, stride=None, padding="VALID",
                       activation="NONE", name="avgpool") -> int:
        return self._pool("AVERAGE_POOL_2D", x, filter_size, stride, padding,
                          activation, name)

    def max_pool2d(self, x, filter_size, stride=None, padding="VALID",
                   activation="NONE", name="maxpool") -> int:
        return self._pool("MAX_POOL_2D", x, filter_size, stride, padding,
                          activation, name)

    # -- elementwise ---------------------------------------------------------

    def _binary(self, opcode, a, b, activation, out_scale, out_zero_point,
                name, scale_rule):
        self._check_act(activation)
        ta, sa, _ = self._qinfo(a)
        tb, sb, _ = self._qinfo(b)
        if ta.type_name != tb.type_name:
            raise ValueError(f"{opcode}: input types differ")
        shape = tuple(np.broadcast_shapes(ta.shape, tb.shape))
        std = scale_rule(sa, sb) * _SPREAD[ta.type_name]
        os_, oz = self._auto_quant(std, activation, ta.type_name, out_scale,
                                   out_zero_point)
        y = self.activation(shape, ta.type_name, os_, oz, name=name)
        opts = {"fused_activation_function": activation}
        if opcode == "ADD":
            # int16 inputs with arbitrary scales need the general kernel.
            opts["pot_scale_int16"] = ta.type_name != "INT16"
        self.op(opcode, [a, b], [y], opts)
        return y

    def add(self, a, b, activation="NONE", out_scale=None,
            out_zero_point=None, name="add") -> int:
        return self._binary("ADD", a, b, activation, out_scale,
                            out_zero_point, name,
                            lambda sa, sb: math.hypot(sa, sb))

    def mul(self, a, b, activation="NONE", out_scale=None,
            out_zero_point=None, name="mul") -> int:
        return self._binary("MUL", a, b, activation, out_scale,
                            out_zero_point, name,
                            lambda sa, sb: sa * sb * 64.0)

    def _same_quant_binary(self, opcode, a, b, name):
        ta, sa, za = self._qinfo(a)
        tb, sb, zb = self._qinfo(b)
        if ta.type_name != tb.type_name:
            raise ValueError(f"{opcode}: input types differ")
        shape = tuple(np.broadcast_shapes(ta.shape, tb.shape))
        y = self.activation(shape, ta.type_name, sa, za, name=name)
        self.op(opcode, [a, b], [y])
        return y

    def maximum(self, a, b, name="maximum") -> int:
        """MAXIMUM; inputs should share quantization (the output takes a's)."""
        return self._same_quant_binary("MAXIMUM", a, b, name)

    def minimum(self, a, b, name="minimum") -> int:
        return self._same_quant_binary("MINIMUM", a, b, name)

    def _unary(self, opcode, x, scale, zero_point, name, options=None,
               dtype=None):
        t, s, z = self._qinfo(x)
        dtype = type_name_of(dtype) if dtype else t.type_name
        y = self.activation(t.shape, dtype,
                            s if scale is None else scale,
                            z if scale is None else (zero_point or 0),
                            name=name)
        self.op(opcode, [x], [y], options)
        return y

    def relu(self, x, out_scale=None, out_zero_point=None, name="relu"):
        return self._unary("RELU", x, out_scale, out_zero_point, name)

    def relu6(self, x, out_scale=None, out_zero_point=None, name="relu6"):
        return self._unary("RELU6", x, out_scale, out_zero_point, name)

    def relu_n1_to_1(self, x, out_scale=None, out_zero_point=None,
                     name="relu_n1_to_1"):
        return self._unary("RELU_N1_TO_1", x, out_scale, out_zero_point,
                           name)

    # Fixed output quantization TFLite's integer kernels require.
    def softmax(self, x, beta=1.0, out_dtype=None, name="softmax") -> int:
        """int8 -> (1/256, -128); int16 -> (1/32768, 0); int8 -> int16
        output (as in keyword_scrambled) -> (1/65536, -32768)."""
        t, _, _ = self._qinfo(x)
        od = type_name_of(out_dtype) if out_dtype else t.type_name
        if t.type_name == "INT8" and od == "INT8":
            s, z = 1 / 256, -128
        elif t.type_name == "INT8" and od == "INT16":
            s, z = 1 / 65536, -32768
        elif t.type_name == "INT16" and od == "INT16":
            s, z = 1 / 32768, 0
        else:
            raise ValueError(f"SOFTMAX {t.type_name} -> {od} unsupported")
        return self._unary("SOFTMAX", x, s, z, name, {"beta": beta}, od)

    def logistic(self, x, name="logistic") -> int:
        t, _, _ = self._qinfo(x)
        s, z = (1 / 256, -128) if t.type_name == "INT8" else (1 / 32768, 0)
        return self._unary("LOGISTIC", x, s, z, name)

    def tanh(self, x, name="tanh") -> int:
        t, _, _ = self._qinfo(x)
        s, z = (1 / 128, 0) if t.type_name == "INT8" else (1 / 32768, 0)
        return self._unary("TANH", x, s, z, name)

    def quantize(self, x, dtype="int8", scale=None, zero_point=0,
                 name="quantize") -> int:
        """QUANTIZE from float32 or requantize between int8/int16/int32."""
        t = self.tensors[x]
        dtype = type_name_of(dtype)
        if scale is None:
            if t.quant is None:
                raise ValueError("quantize from float needs an output scale")
            scale = float(t.quant.scale[0])
            zero_point = int(t.quant.zero_point[0])
        if dtype == "INT16" and zero_point:
            raise ValueError("int16 activations must have zero point 0")
        y = self.activation(t.shape, dtype, scale, zero_point, name=name)
        self.op("QUANTIZE", [x], [y])
        return y

    def dequantize(self, x, name="dequantize") -> int:
        t, _, _ = self._qinfo(x)
        y = self.activation(t.shape, "float32", None, name=name)
        self.op("DEQUANTIZE", [x], [y])
        return y

    # -- shape ops -------------------------------------------------------------

    def reshape(self, x, shape, name="reshape") -> int:
        """RESHAPE with the shape as an int32 const input and in options."""
        t = self.tensors[x]
        out = resolve_shape(t.shape, shape)
        s = self.const(np.array(out, np.int32), name=f"{name}/shape")
        q = t.quant
        y = self.tensor(name, out, t.type_name,
                        None if q is None else q.scale,
                        None if q is None else q.zero_point)
        self.op("RESHAPE", [x, s], [y], {"new_shape": list(out)})
        return y

    def mean(self, x, axes, keep_dims=True, out_scale=None,
             out_zero_point=None, name="mean") -> int:
        t, s, z = self._qinfo(x)
        rank = len(t.shape)
        axes = sorted({a % rank for a in np.atleast_1d(axes)})
        shape = tuple((1 if i in axes else d) for i, d in enumerate(t.shape)
                      if keep_dims or i not in axes)
        a = self.const(np.array(axes, np.int32), name=f"{name}/axes")
        y = self.activation(shape, t.type_name,
                            s if out_scale is None else out_scale,
                            z if out_scale is None else (out_zero_point or 0),
                            name=name)
        self.op("MEAN", [x, a], [y], {"keep_dims": keep_dims})
        return y

    def _pad_common(self, x, paddings, name):
        t, s, z = self._qinfo(x)
        p = np.array(paddings, np.int32).reshape(len(t.shape), 2)
        shape = tuple(int(d + p[i].sum()) for i, d in enumerate(t.shape))
        pt = self.const(p, name=f"{name}/paddings")
        return t, s, z, pt, shape

    def pad(self, x, paddings, name="pad") -> int:
        """PAD with [(before, after)] per dim; pads with the zero point."""
        t, s, z, pt, shape = self._pad_common(x, paddings, name)
        y = self.activation(shape, t.type_name, s, z, name=name)
        self.op("PAD", [x, pt], [y])
        return y

    def padv2(self, x, paddings, value=0.0, name="padv2") -> int:
        """PADV2 padding with the real `value` (quantized like the input)."""
        t, s, z, pt, shape = self._pad_common(x, paddings, name)
        lo, hi = _QRANGE[t.type_name]
        qv = int(np.clip(round(value / s) + z, lo, hi))
        cv = self.tensor(f"{name}/value", (), t.type_name, s, z,
                         data=np.array(qv))
        y = self.activation(shape, t.type_name, s, z, name=name)
        self.op("PADV2", [x, pt, cv], [y])
        return y

    def concatenation(self, xs: Sequence[int], axis=-1, activation="NONE",
                      name="concat") -> int:
        """CONCATENATION; the output takes the first input's quantization
        (TFLM's int8 kernel requires all of them to be equal)."""
        self._check_act(activation)
        ts = [self.tensors[i] for i in xs]
        t0, s, z = self._qinfo(xs[0])
        rank = len(t0.shape)
        ax = axis % rank
        shape = list(t0.shape)
        shape[ax] = sum(t.shape[ax] for t in ts)
        y = self.activation(shape, t0.type_name, s, z, name=name)
        self.op("CONCATENATION", list(xs), [y],
                {"axis": axis, "fused_activation_function": activation})
        return y

    # -- recurrent -----------------------------------------------------------

    def svdf(self, x, num_units, memory_size, rank=1, activation="RELU",
             state_dtype="int16", out_scale=None, out_zero_point=None,
             name="svdf") -> int:
        """SVDF as TFLM's integer kernel expects it: int8 input/output,
        int8 weights_feature [F, I], weights_time [F, memory] and activation
        state [B, memory*F] of `state_dtype` (int16, or int8 as in
        keyword_scrambled_8bit), int32 bias [units] with
        scale = state scale * weights_time scale. F = units * rank."""
        self._check_act(activation)
        t, s_in, _ = self._qinfo(x)
        if t.type_name != "INT8":
            raise ValueError("integer SVDF takes an int8 input")
        st = type_name_of(state_dtype)
        batch, isize = t.shape
        nf = num_units * rank
        wf_q, wf_s = self._weights((nf, isize), isize)
        wf = self.const(wf_q.astype(np.int8), "int8", wf_s,
                        name=f"{name}/weights_feature")
        # The state holds input x weights_feature products.
        st_std = s_in * _SPREAD["INT8"] * math.sqrt(2.0)
        st_scale = 3.0 * st_std / _QRANGE[st][1]
        wt_q, wt_s = self._weights((nf, memory_size), memory_size, None, st)
        wt = self.const(wt_q, st, wt_s, name=f"{name}/weights_time")
        acc_std = st_std * math.sqrt(2.0 * rank)
        bq, bs = self._bias(num_units, st_scale, wt_s, acc_std, "INT32")
        bias = self.const(bq, "int32", bs, name=f"{name}/bias")
        state = self.tensor(f"{name}/state", (batch, memory_size * nf), st,
                            st_scale, 0, is_variable=True)
        os_, oz = self._auto_quant(acc_std, activation, "INT8", out_scale,
                                   out_zero_point)
        y = self.activation((batch, num_units), "int8", os_, oz, name=name)
        self.op("SVDF", [x, wf, wt, bias, state], [y],
                {"rank": rank, "fused_activation_function": activation})
        return y

    def unidirectional_sequence_lstm(self, x, units, time_major=False,
                                     cell_clip=10.0, proj_clip=0.0,
                                     activation="TANH", out_scale=None,
                                     out_zero_point=None, cell_scale_log2=-11,
                                     name="lstm") -> int:
        """UNIDIRECTIONAL_SEQUENCE_LSTM without peephole, projection or layer
        norm, laid out like the converter's integer LSTMs: 24 inputs
        (omitted ones -1), output/cell state as variable inputs 18/19 and five
        intermediates (four float32 [0] placeholders without quantization,
        then effective_hidden_scale with the output's parameters).

        int8 input: int8 output/hidden state, int32 biases.
        int16 input: int16 output/hidden state (zero point 0), int64 biases.
        Both: int8 per-tensor weights, int16 cell state with scale
        2**cell_scale_log2; gate bias scale = input scale * input weight
        scale."""
        self._check_act(activation)
        t, s_in, _ = self._qinfo(x)
        act = t.type_name
        if len(t.shape) != 3:
            raise ValueError("LSTM input must be 3-D")
        if time_major:
            steps, batch, isize = t.shape
        else:
            batch, steps, isize = t.shape
        bt = self._bias_type(act)
        if out_scale is None:
            out_scale, out_zero_point = (1 / 128, 0) if act == "INT8" \
                else (1 / 32768, 0)
        out_zero_point = out_zero_point or 0
        gates = ("input", "forget", "cell", "output")
        in_w, rec_w, biases, in_scales = [], [], [], []
        for g in gates:
            q, s = self._weights((units, isize), isize)
            in_w.append(self.const(q.astype(np.int8), "int8", s,
                                   name=f"{name}/input_to_{g}_weights"))
            in_scales.append(s)
        for g in gates:
            q, s = self._weights((units, units), units)
            rec_w.append(self.const(q.astype(np.int8), "int8", s,
                                    name=f"{name}/recurrent_to_{g}_weights"))
        acc_std = s_in * _SPREAD[act] * math.sqrt(2.0)
        for g, s in zip(gates, in_scales):
            bq, bs = self._bias(units, s_in, s, acc_std, bt)
            biases.append(self.const(bq, bt, bs, name=f"{name}/{g}_gate_bias"))
        h = self.tensor(f"{name}/output_state", (batch, units), act,
                        out_scale, out_zero_point, is_variable=True)
        c = self.tensor(f"{name}/cell_state", (batch, units), "int16",
                        2.0 ** cell_scale_log2, 0, is_variable=True)
        inter = [self.tensor(f"{name}/input_to_{g}_intermediate", (0,),
                             "float32") for g in gates]
        inter.append(self.tensor(f"{name}/effective_hidden_scale_intermediate",
                                 (0,), act, out_scale, out_zero_point))
        out_shape = (steps, batch, units) if time_major else \
            (batch, steps, units)
        y = self.activation(out_shape, act, out_scale, out_zero_point,
                            name=name)
        ins = [x] + in_w + rec_w + [-1, -1, -1] + biases + [-1, -1, h, c] + \
            [-1] * 4
        self.op("UNIDIRECTIONAL_SEQUENCE_LSTM", ins, [y], {
            "fused_activation_function": activation, "cell_clip": cell_clip,
            "proj_clip": proj_clip, "time_major": time_major},
            intermediates=inter)
        return y

    # -- output ------------------------------------------------------------

    def model(self) -> Model:
        g = Subgraph(self.name, list(self.tensors), list(self.operators),
                     list(self.inputs), list(self.outputs))
        return Model(SCHEMA_VERSION, self.description, [g], [],
                     dict(self.metadata))

    def build(self) -> bytes:
        return write_model(self.model())


# ---------------------------------------------------------------------------
# Broken files for negative tests
# ---------------------------------------------------------------------------

BAD_KINDS = (
    "bad_identifier",           # bytes 4..8 are not "TFL3"
    "truncated",                # file cut in half
    "empty",                    # zero bytes
    "buffer_out_of_range",      # weights tensor points past the buffer table
    "buffer_size_mismatch",     # weights buffer one element short
    "tensor_index_out_of_range",  # operator input refers to a missing tensor
    "unknown_opcode",           # builtin code 250, not in the schema
    "unsupported_opcode",       # a real builtin mcuq has no kernel for (RFFT2D)
    "custom_opcode",            # CUSTOM:mcuq_test_op
    "no_subgraphs",
    "multiple_subgraphs",
    "float_without_quant",      # float32 FULLY_CONNECTED, no quantization
)


def _small_model(seed=0) -> ModelBuilder:
    mb = ModelBuilder(seed=seed, description="mcuq bad-input base")
    x = mb.input((1, 8), "int8", 0.05, -3)
    y = mb.fully_connected(x, 4, name="fc")
    mb.output(mb.softmax(y))
    return mb


def bad_model(kind: str) -> bytes:
    """A deliberately broken .tflite file (kinds in BAD_KINDS)."""
    if kind not in BAD_KINDS:
        raise ValueError(f"unknown bad model kind {kind!r}; one of "
                         f"{BAD_KINDS}")
    good = _small_model().model()
    g = good.subgraphs[0]
    weights = g.operators[0].inputs[1]
    if kind == "bad_identifier":
        data = bytearray(write_model(good))
        data[4:8] = b"TFLX"
        return bytes(data)
    if kind == "truncated":
        data = write_model(good)
        return data[:len(data) // 2]
    if kind == "empty":
        return b""
    if kind == "buffer_out_of_range":
        t = g.tensors[weights]
        t.data, t.buffer = None, 1000
        return write_model(good, num_buffers=1)
    if kind == "buffer_size_mismatch":
        t = g.tensors[weights]
        t.data = np.asarray(t.data).reshape(-1)[:-1]
        return write_model(good)
    if kind == "tensor_index_out_of_range":
        g.operators[0].inputs[0] = len(g.tensors) + 5
        return write_model(good)
    if kind in ("unknown_opcode", "unsupported_opcode", "custom_opcode"):
        # Insert a shape-preserving op in front of the softmax.
        sm = g.operators[1]
        src = sm.inputs[0]
        t = g.tensors[src]
        mid = Tensor(len(g.tensors), "odd_op_out", t.shape, t.dtype,
                     t.type_name, t.quant, None, False, 0)
        g.tensors.append(mid)
        opcode = {"unknown_opcode": "UNKNOWN_BUILTIN_250",
                  "unsupported_opcode": "RFFT2D",
                  "custom_opcode": "CUSTOM:mcuq_test_op"}[kind]
        custom = b"\x00\x01" if kind == "custom_opcode" else None
        g.operators.insert(1, Operator(1, opcode, 1, [src], [mid.index], [],
                                       {}, custom))
        sm.index, sm.inputs = 2, [mid.index]
        return write_model(good)
    if kind == "no_subgraphs":
        good.subgraphs = []
        return write_model(good)
    if kind == "multiple_subgraphs":
        other = _small_model(seed=1).model().subgraphs[0]
        other.name = "second"
        # Give the second subgraph's constants their own buffers.
        for t in other.tensors:
            if t.data is not None:
                t.buffer = 0
        good.subgraphs.append(other)
        return write_model(good)
    # float_without_quant
    mb = ModelBuilder(seed=0, description="float model")
    x = mb.input((1, 8), "float32")
    w = mb.const(mb.rng.standard_normal((4, 8)).astype(np.float32),
                 name="weights")
    bias = mb.const(np.zeros(4, np.float32), name="bias")
    y = mb.activation((1, 4), "float32", name="fc")
    mb.op("FULLY_CONNECTED", [x, w, bias], [y], {}, version=1)
    mb.output(y)
    return mb.build()
