"""Liu: TensorFlow 1.x's graph-and-session model on a small, fast C++ engine.

    import liu as tf
"""
import os as _os

# How long idle OpenMP workers spin before sleeping. libgomp's default (300,000 spins)
# measured 3-5x slower than either a longer spin (workers stay awake across the back-to-back
# kernels of one sess.run) or none, on a quiet 2-core machine; 1,000,000 (about a
# millisecond) was fastest there and lets workers sleep between runs. libgomp reads this
# once, when _C loads it; OMP_WAIT_POLICY or GOMP_SPINCOUNT set by the user win.
if "OMP_WAIT_POLICY" not in _os.environ:
    _os.environ.setdefault("GOMP_SPINCOUNT", "1000000")

from liu import _C  # noqa: F401,E402  (the compiled core)
from liu import errors
from liu.framework import dtypes
from liu.framework.dtypes import (DType, as_dtype, bool, double, float32, float64, int8, int16,
                                  int32, int64, string, uint8, uint16)
from liu.framework.tensor_shape import Dimension, TensorShape
from liu.framework.ops import (Graph, GraphKeys, Operation, Tensor, add_to_collection,
                               add_to_collections, colocate_with, control_dependencies,
                               convert_to_tensor, device, get_collection, get_collection_ref,
                               get_default_graph, get_default_session, is_tensor, name_scope,
                               register_tensor_conversion_function, reset_default_graph)
from liu.framework.indexed_slices import (IndexedSlices, IndexedSlicesValue,
                                          convert_to_tensor_or_indexed_slices)
from liu.client.session import (ConfigProto, GPUOptions, InteractiveSession, RunMetadata,
                                RunOptions, Session)

from liu.ops.array_ops import *  # noqa: F401,F403
from liu.ops.math_ops import *  # noqa: F401,F403
from liu.ops.random_ops import *  # noqa: F401,F403
from liu.ops.state_ops import *  # noqa: F401,F403
from liu.ops.variables import *  # noqa: F401,F403
from liu.ops.variable_scope import *  # noqa: F401,F403
from liu.ops.init_ops import *  # noqa: F401,F403
from liu.ops.control_flow_ops import *  # noqa: F401,F403
from liu.ops.gradients_impl import *  # noqa: F401,F403
from liu.ops.clip_ops import *  # noqa: F401,F403
from liu.ops.sparse_update_ops import (scatter_add, scatter_sub, scatter_update, unique,
                                       unsorted_segment_sum)
from liu.ops import nn_ops as nn
from liu.ops import losses_impl as losses
from liu.ops import metrics_impl as metrics
from liu import layers
from liu import contrib
from liu import training as train
from liu.platform_compat import *  # noqa: F401,F403  (app, flags, gfile)
