"""tf.IndexedSlices: a sparse gradient (rows `values` of a tensor of shape `dense_shape`, at
first-dim `indices`; repeated indices sum), as tf.gradients returns for a gather of a
variable. Converting one to a Tensor sums it into a dense tensor (UnsortedSegmentSum), as TF
does; the optimizers instead update only the listed rows."""
import warnings

from liu.framework import ops
from liu.framework import tensor_shape

__all__ = ["IndexedSlices", "IndexedSlicesValue", "convert_to_tensor_or_indexed_slices"]

# TF warns when densifying more than this many elements.
_LARGE_SPARSE_NUM_ELEMENTS = 100000000


class IndexedSlices:
    """The sparse representation of a slice-wise gradient (TF1 `tf.IndexedSlices`)."""

    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    @property
    def values(self):
        return self._values

    @property
    def indices(self):
        return self._indices

    @property
    def dense_shape(self):
        return self._dense_shape

    @property
    def name(self):
        return self._values.name

    @property
    def device(self):
        return self._values.device

    @property
    def op(self):
        return self._values.op

    @property
    def dtype(self):
        return self._values.dtype

    @property
    def graph(self):
        return self._values.graph

    @property
    def shape(self):
        """The dense shape as far as it is known at graph time (TF's IndexedSlices.shape)."""
        return _constant_shape(self._dense_shape)

    def get_shape(self):
        return self.shape

    def __neg__(self):
        from liu.ops import math_ops
        return IndexedSlices(math_ops.negative(self._values), self._indices, self._dense_shape)

    def consumers(self):
        return self._values.consumers() + self._indices.consumers()

    def __str__(self):
        return "IndexedSlices(indices=%s, values=%s%s)" % (
            self._indices, self._values,
            (", dense_shape=%s" % self._dense_shape) if self._dense_shape is not None else "")

    __repr__ = __str__


def _constant_shape(shape_tensor):
    """The partial shape a shape vector is known to hold now (a Const, or the Shape of a
    tensor), else a shape of unknown dims with the vector's length."""
    if shape_tensor is None:
        return tensor_shape.TensorShape(None)
    op = shape_tensor.op
    if op.type == "Const":
        return tensor_shape.TensorShape([int(d) for d in op.get_attr("value").ravel()])
    if op.type == "Shape":
        return op.inputs[0].shape
    return tensor_shape.TensorShape([None] * shape_tensor.shape[0].value
                                    if shape_tensor.shape[0].value is not None else None)


class IndexedSlicesValue(tuple):
    """What Session.run returns for a fetched IndexedSlices: (values, indices, dense_shape)."""

    def __new__(cls, values, indices, dense_shape):
        return super().__new__(cls, (values, indices, dense_shape))

    values = property(lambda self: self[0])
    indices = property(lambda self: self[1])
    dense_shape = property(lambda self: self[2])

    def __str__(self):
        return "IndexedSlicesValue(values=%s, indices=%s, dense_shape=%s)" % self


def _indexed_slices_to_tensor(value, dtype=None, name=None, as_ref=False):
    """TF's _indexed_slices_to_tensor: UnsortedSegmentSum(values, indices, dense_shape[0])."""
    from liu.ops.op_def_library import apply_op_output
    if dtype is not None and not dtype.is_compatible_with(value.dtype):
        raise ValueError("Tensor conversion requested dtype %s for IndexedSlices with dtype %s" %
                         (dtype.name, value.dtype.name))
    if value.dense_shape is None:
        raise ValueError("Tensor conversion requested for IndexedSlices without dense_shape: %s"
                         % str(value))
    shape = value.shape
    if not shape.is_fully_defined():
        warnings.warn("Converting sparse IndexedSlices to a dense Tensor of unknown shape. "
                      "This may consume a large amount of memory.", stacklevel=3)
    elif shape.num_elements() >= _LARGE_SPARSE_NUM_ELEMENTS:
        warnings.warn("Converting sparse IndexedSlices to a dense Tensor with %d elements. "
                      "This may consume a large amount of memory." % shape.num_elements(),
                      stacklevel=3)
    return apply_op_output("UnsortedSegmentSum", name=name, data=value.values,
                           segment_ids=value.indices, num_segments=value.dense_shape[0])


ops.register_tensor_conversion_function(IndexedSlices, _indexed_slices_to_tensor)


def convert_to_tensor_or_indexed_slices(value, dtype=None, name=None):
    """An IndexedSlices is kept as is (dtype checked); anything else becomes a Tensor."""
    if isinstance(value, IndexedSlices):
        if dtype is not None and not dtype.is_compatible_with(value.dtype):
            raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                             % (dtype.name, value.dtype.name, value))
        return value
    return ops.convert_to_tensor(value, dtype=dtype, name=name)
