"""tf.gradients through the elementwise math ops, under real TensorFlow and under Liu.

For each op: the gradient values (close), which inputs get None, and the names of the gradient
tensors (TF's "gradients/<op>_grad/..." scopes, down to the op that produces them). Then the
worked examples of the API notes that need only these ops: grad_ys over several ys,
stop_gradient, and a second derivative through gradients of gradients.
"""
import numpy as np
import pytest

from conftest import assert_same


def raw_op(tf, op_type, **inputs):
    """An op by its type, for the few the Liu Python surface does not wrap (Relu, SelectV2,
    Div, Add): tf.raw_ops under TF, apply_op under Liu; both name the node after the type."""
    if tf.__name__.startswith("liu"):
        from liu.ops.op_def_library import apply_op_output
        return apply_op_output(op_type, **inputs)
    return getattr(tf.raw_ops, op_type)(**inputs)


def gradient_program(build, values, dtype="float32", grad_ys=None, order=1):
    """program for `both`: placeholders x0, x1, ... fed with `values`, y = build(tf, *xs);
    returns the names of d y / d xs (None where TF gives None) and their values. order=2
    differentiates the (summed) first gradients once more."""
    def program(tf):
        xs = [tf.placeholder(dtype, np.shape(v), name="x%d" % i) for i, v in enumerate(values)]
        y = build(tf, *xs)
        ys = None if grad_ys is None else tf.constant(np.asarray(grad_ys, dtype=dtype))
        grads = tf.gradients(y, xs, grad_ys=ys)
        for _ in range(order - 1):
            grads = tf.gradients([g for g in grads if g is not None], xs)
        names = [None if g is None else g.name for g in grads]
        with tf.Session() as sess:
            feed = {x: np.asarray(v, dtype=dtype) for x, v in zip(xs, values)}
            fetched = sess.run([g for g in grads if g is not None], feed)
        it = iter(fetched)
        return names, [None if g is None else next(it) for g in grads]
    return program


def scopes(names):
    """The name scope of each tensor name ("gradients/Mul_grad" for "gradients/Mul_grad/Mul:0")."""
    return [None if n is None else n.rsplit("/", 1)[0] if "/" in n else "" for n in names]


def check(both, build, values, dtype="float32", grad_ys=None, order=1, rtol=None,
          full_names=True):
    """Same gradient values, and the same tensor names (only their scopes when `full_names` is
    False: see the *_GAP tests at the end)."""
    (tf_names, tf_values), (liu_names, liu_values) = both(
        gradient_program(build, values, dtype, grad_ys, order))
    if full_names:
        assert liu_names == tf_names
    else:
        assert scopes(liu_names) == scopes(tf_names)
    tol = rtol or (1e-5 if dtype == "float32" else 1e-12)
    assert_same(tf_values, liu_values, rtol=tol, atol=tol)


def spread(shape, lo, hi, seed, both_signs=False):
    """Deterministic values in [lo, hi] (or +-[lo, hi]), away from the ops' kinks."""
    rng = np.random.RandomState(seed)
    v = rng.uniform(lo, hi, size=shape)
    if both_signs:
        v *= np.where(rng.randint(0, 2, size=shape) == 1, 1.0, -1.0)
    return v


# ---- unary ----
UNARY = [
    ("Neg", lambda tf, x: tf.negative(x), -2, 2, False),
    ("Abs", lambda tf, x: tf.abs(x), 0.2, 2, True),
    ("Sign", lambda tf, x: tf.sign(x), 0.2, 2, True),
    ("Square", lambda tf, x: tf.square(x), -2, 2, False),
    ("Sqrt", lambda tf, x: tf.sqrt(x), 0.5, 2, False),
    ("Rsqrt", lambda tf, x: tf.rsqrt(x), 0.5, 2, False),
    ("Exp", lambda tf, x: tf.exp(x), -1, 1, False),
    ("Log", lambda tf, x: tf.log(x), 0.5, 2, False),
    ("Log1p", lambda tf, x: tf.log1p(x), -0.5, 1, False),
    ("Sin", lambda tf, x: tf.sin(x), -3, 3, False),
    ("Cos", lambda tf, x: tf.cos(x), -3, 3, False),
    ("Tanh", lambda tf, x: tf.tanh(x), -2, 2, False),
    ("Sigmoid", lambda tf, x: tf.sigmoid(x), -3, 3, False),
    ("Relu", lambda tf, x: raw_op(tf, "Relu", features=x), 0.2, 2, True),
    ("Reciprocal", lambda tf, x: tf.reciprocal(x), 0.5, 2, True),
]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name,build,lo,hi,both_signs", UNARY, ids=[u[0] for u in UNARY])
def test_unary(both, name, build, lo, hi, both_signs, dtype):
    check(both, build, [spread([2, 3], lo, hi, 1, both_signs)], dtype)


@pytest.mark.parametrize("name,build,lo,hi,both_signs", UNARY, ids=[u[0] for u in UNARY])
def test_unary_second_derivative(both, name, build, lo, hi, both_signs):
    # Gradients of the gradient ops TanhGrad, SqrtGrad, ReluGrad, ... (or of Mul, Neg, ...).
    check(both, build, [spread([4], lo, hi, 2, both_signs)], "float64", order=2)


@pytest.mark.parametrize("build", [lambda tf, x: tf.floor(x), lambda tf, x: tf.ceil(x),
                                   lambda tf, x: tf.round(x)], ids=["Floor", "Ceil", "Round"])
def test_rounding_has_no_gradient(both, build):
    tf_result, liu_result = both(gradient_program(build, [[0.25, 1.5, -2.25]]))
    assert tf_result[0] == [None]
    assert liu_result == tf_result


# ---- binary, with broadcasting ----
BINARY = [
    ("Add", lambda tf, x, y: raw_op(tf, "Add", x=x, y=y), (-2, 2), (-2, 2)),
    ("AddV2", lambda tf, x, y: tf.add(x, y), (-2, 2), (-2, 2)),
    ("add", lambda tf, x, y: x + y, (-2, 2), (-2, 2)),
    ("Sub", lambda tf, x, y: tf.subtract(x, y), (-2, 2), (-2, 2)),
    ("Mul", lambda tf, x, y: tf.multiply(x, y), (-2, 2), (-2, 2)),
    ("RealDiv", lambda tf, x, y: tf.realdiv(x, y), (-2, 2), (0.5, 2)),
    ("truediv", lambda tf, x, y: x / y, (-2, 2), (0.5, 2)),
    ("Div", lambda tf, x, y: raw_op(tf, "Div", x=x, y=y), (-2, 2), (0.5, 2)),
    ("Pow", lambda tf, x, y: tf.pow(x, y), (0.5, 2), (-1.5, 1.5)),
    ("Maximum", lambda tf, x, y: tf.maximum(x, y), (-2, 2), (-2, 2)),
    ("Minimum", lambda tf, x, y: tf.minimum(x, y), (-2, 2), (-2, 2)),
    ("SquaredDifference", lambda tf, x, y: tf.squared_difference(x, y), (-2, 2), (-2, 2)),
    ("FloorMod", lambda tf, x, y: tf.floormod(x, y), (0.2, 5), (0.7, 1.9)),
]

SHAPES = [([2, 3], [2, 3]), ([2, 3], [3]), ([3], [2, 3]), ([2, 1], [1, 3]), ([], [2, 3]),
          ([2, 3], [])]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("sx,sy", SHAPES, ids=["%s-%s" % s for s in SHAPES])
@pytest.mark.parametrize("name,build,xr,yr", BINARY, ids=[b[0] for b in BINARY])
def test_binary(both, name, build, xr, yr, sx, sy, dtype):
    x = spread(sx, xr[0], xr[1], 3)
    # Maximum/Minimum ties and FloorMod jumps are not differentiable: y keeps away from them.
    y = spread(sy, yr[0], yr[1], 4, both_signs=name in ("RealDiv", "truediv", "Div"))
    if name in ("Maximum", "Minimum"):
        assert np.min(np.abs(np.subtract.outer(np.ravel(x), np.ravel(y)))) > 1e-3
    check(both, build, [x, y], dtype)


def test_pow_of_nonpositive_base(both):
    # TF's guard: log(x) is taken as 0 where x <= 0, so d/dy is 0 there rather than NaN.
    check(both, lambda tf, x, y: tf.pow(x, y), [[0.0, -2.0, 3.0], [2.0, 2.0, 0.5]])


def test_partially_known_shapes(both):
    # Unknown dims: the reduction axes come from BroadcastGradientArgs at run time.
    def program(tf):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        y = tf.placeholder(tf.float32, [None], name="y")
        z = tf.multiply(x, y)
        gx, gy = tf.gradients(z, [x, y])
        with tf.Session() as sess:
            return [gx.name, gy.name], sess.run([gx, gy], {x: np.arange(6.0).reshape(2, 3),
                                                            y: [1.0, -2.0, 0.5]})
    tf_result, liu_result = both(program)
    assert liu_result[0] == tf_result[0]
    assert_same(tf_result[1], liu_result[1])


# ---- Select, SelectV2, AddN, Cast ----
def test_select(both):
    def build(tf, x, y):
        return tf.where(tf.constant([[True, False, True], [False, False, True]]), x, y)
    check(both, build, [spread([2, 3], -1, 1, 5), spread([2, 3], -1, 1, 6)])


def test_select_vector_condition(both):
    def build(tf, x, y):
        return tf.where(tf.constant([True, False]), x, y)
    check(both, build, [spread([2, 3], -1, 1, 5), spread([2, 3], -1, 1, 6)])


@pytest.mark.parametrize("cond_shape,sx,sy", [([2, 3], [2, 3], [2, 3]), ([2, 3], [3], [2, 1]),
                                              ([1, 3], [2, 1], []), ([2, 1], [3], [3])])
def test_select_v2_broadcasting(both, cond_shape, sx, sy):
    cond = (np.arange(np.prod(cond_shape)) % 3 != 1).reshape(cond_shape)

    def build(tf, x, y):
        return raw_op(tf, "SelectV2", condition=tf.constant(cond), t=x, e=y)
    check(both, build, [spread(sx, -1, 1, 7), spread(sy, -1, 1, 8)])


def test_select_condition_gets_none(both):
    def program(tf):
        c = tf.placeholder(tf.bool, [2], name="c")
        x = tf.constant([1.0, 2.0])
        return [g is None for g in tf.gradients(tf.where(c, x, x), [c, x])]
    tf_result, liu_result = both(program)
    assert tf_result == [True, False]
    assert liu_result == tf_result


def test_add_n(both):
    # a twice: its two contributions are summed by an AddN (named in AGGREGATION_GAP).
    check(both, lambda tf, a, b: tf.add_n([a, b, a]),
          [spread([2, 3], -1, 1, 9), spread([2, 3], -1, 1, 10)], full_names=False)


@pytest.mark.parametrize("src,dst", [("float32", "float64"), ("float64", "float32")])
def test_cast_between_floats(both, src, dst):
    check(both, lambda tf, x: tf.square(tf.cast(x, dst)), [spread([3], -1, 1, 11)], src,
          rtol=1e-6)


def test_cast_through_int_has_none(both):
    tf_result, liu_result = both(gradient_program(
        lambda tf, x: tf.cast(tf.cast(x, tf.int32), tf.float32), [[1.5, 2.5]]))
    assert tf_result[0] == [None]
    assert liu_result == tf_result


def test_unconnected_is_none(both):
    tf_result, liu_result = both(gradient_program(
        lambda tf, x, unused: tf.exp(x), [[1.0, 2.0], [3.0]]))
    assert tf_result[0][1] is None
    assert liu_result[0] == tf_result[0]
    assert_same(tf_result[1], liu_result[1])


def test_two_paths_are_summed(both):
    check(both, lambda tf, x: tf.square(x) + tf.sin(x), [[0.5, -1.0, 2.0]], "float64",
          full_names=False)


def test_grad_ys_weighting(both):
    check(both, lambda tf, x: tf.tanh(x) * 3.0, [[0.5, -1.0, 2.0]], grad_ys=[1.0, 2.0, -0.5])


# ---- the worked examples of the API notes ----
def test_notes_grad_ys_over_several_ys(both):
    def program(tf):
        w1, w2 = tf.Variable([1.0, 2.0, 3.0]), tf.Variable([4.0, 5.0, 6.0])
        w3, w4 = tf.Variable([7.0, 8.0, 9.0]), tf.Variable([1.0, 1.0, 1.0])
        z1 = w1 + w2 + w3
        z2 = w3 + w4
        grads = tf.gradients([z1, z2], [w1, w2, w3, w4],
                             grad_ys=[tf.convert_to_tensor([2.0, 2.0, 3.0]),
                                      tf.convert_to_tensor([3.0, 2.0, 4.0])])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return [g.name for g in grads], sess.run(grads)
    tf_result, liu_result = both(program)
    assert_same(tf_result[1], [np.float32([2, 2, 3]), np.float32([2, 2, 3]),
                               np.float32([5, 4, 7]), np.float32([3, 2, 4])])
    assert_same(tf_result[1], liu_result[1])  # names: GRAD_YS_GAP


def test_notes_stop_gradient(both):
    def program(tf):
        a = tf.constant(0.0)
        b = 2 * a
        c = a + b
        d = tf.stop_gradient(c)
        e = d + c
        grads = tf.gradients(e, [a, b])
        with tf.Session() as sess:
            return [g.name for g in grads], sess.run(grads)
    tf_result, liu_result = both(program)
    assert_same(tf_result[1], [np.float32(3.0), np.float32(1.0)])
    assert scopes(liu_result[0]) == scopes(tf_result[0])  # full names: AGGREGATION_GAP
    assert_same(tf_result[1], liu_result[1])


def test_notes_stop_gradient_of_sum(both):
    def program(tf):
        a, b = tf.constant(0.0), tf.constant(0.0)
        e = tf.stop_gradient(a + b) + (a + b)
        with tf.Session() as sess:
            return sess.run(tf.gradients(e, [a, b]))
    tf_result, liu_result = both(program)
    assert_same(tf_result, [np.float32(1.0), np.float32(1.0)])
    assert_same(tf_result, liu_result)


def test_notes_second_derivative(both):
    def program(tf):
        a = tf.constant(1.0)
        b = tf.square(a)
        first = tf.gradients(b, a)[0]
        second = tf.gradients(first, a)[0]
        with tf.Session() as sess:
            return [first.name, second.name], sess.run([first, second])
    tf_result, liu_result = both(program)
    assert_same(tf_result[1], [np.float32(2.0), np.float32(2.0)])
    assert liu_result[0] == tf_result[0]
    assert_same(tf_result[1], liu_result[1])


# ---- driver behaviour: aggregation, given grad_ys and integer paths name/act as in TF ----
def test_aggregated_gradient_names(both):
    check(both, lambda tf, x: tf.square(x) + tf.sin(x), [[0.5, -1.0, 2.0]], "float64")


def test_given_grad_ys_names(both):
    check(both, lambda tf, x, y: x + y, [[1.0, 2.0], [3.0, 4.0]], grad_ys=[2.0, 3.0])


def test_integer_path_has_none(both):
    def program(tf):
        a = tf.constant([1, 2, 3])
        return [g is None for g in tf.gradients(a * a + a, a)]
    tf_result, liu_result = both(program)
    assert tf_result == [True]
    assert liu_result == tf_result


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_div_no_nan_values_and_gradients(both, dtype):
    # Zero divisors give 0 (also for 0/0) and carry zero gradient to both inputs; broadcasting
    # y [3] against x [2, 3] exercises the reduction back to y's shape.
    x = [[1.0, 2.0, 0.0], [-3.0, 4.0, 5.0]]
    y = [2.0, 0.0, -0.5]
    check(both, lambda tf, a, b: tf.div_no_nan(a, b), [x, y], dtype)

    def program(tf):
        return tf.Session().run(tf.div_no_nan(tf.constant(x, dtype), tf.constant(y, dtype)))
    assert_same(*both(program))
