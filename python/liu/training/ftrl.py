"""tf.train.FtrlOptimizer (FTRL-Proximal): slots accum ("<var>/Ftrl", starting at
initial_accumulator_value) and linear ("<var>/Ftrl_1"); ApplyFtrlV2 when L2 shrinkage is on."""
from liu.framework import ops
from liu.ops import array_ops
from liu.ops import math_ops
from liu.training import training_ops
from liu.training.optimizer import Optimizer

__all__ = ["FtrlOptimizer"]


class FtrlOptimizer(Optimizer):

    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="Ftrl", accum_name=None, linear_name=None,
                 l2_shrinkage_regularization_strength=0.0, beta=None):
        super().__init__(use_locking, name)
        for value, what, sign in (
                (initial_accumulator_value, "initial_accumulator_value", "positive or zero"),
                (l1_regularization_strength, "l1_regularization_strength", "positive or zero"),
                (l2_regularization_strength, "l2_regularization_strength", "positive or zero")):
            if value < 0.0:
                raise ValueError("%s %f needs to be %s" % (what, value, sign))
        if learning_rate_power > 0.0:
            raise ValueError("learning_rate_power %f needs to be negative or zero" %
                             learning_rate_power)
        if l2_shrinkage_regularization_strength < 0.0:
            raise ValueError("l2_shrinkage_regularization_strength %f needs to be positive or zero"
                             % l2_shrinkage_regularization_strength)
        self._learning_rate = learning_rate
        self._learning_rate_power = learning_rate_power
        self._initial_accumulator_value = initial_accumulator_value
        self._l1 = l1_regularization_strength
        self._l2 = l2_regularization_strength
        self._beta = 0.0 if beta is None else beta
        self._l2_shrinkage = l2_shrinkage_regularization_strength
        self._accum_name = accum_name
        self._linear_name = linear_name

    def _create_slots(self, var_list):
        def accum_initializer(shape, dtype=None, partition_info=None):
            return array_ops.ones(shape=shape, dtype=dtype) * self._initial_accumulator_value
        for v in var_list:
            self._get_or_make_slot_with_initializer(v, accum_initializer, v.get_shape(),
                                                    v.dtype.base_dtype, "accum",
                                                    self._accum_name or self._name)
            self._zeros_slot(v, "linear", self._linear_name or self._name)

    def _prepare(self):
        self._learning_rate_tensor = self._hyper(self._learning_rate, "learning_rate")
        self._l1_tensor = self._hyper(self._l1, "l1_regularization_strength")
        # beta enters as extra L2: l2 + beta / (2 * lr), built as TF builds it.
        self._adjusted_l2_tensor = ops.convert_to_tensor(
            self._l2 + self._beta / (2. * math_ops.maximum(self._learning_rate, 1e-36)),
            name="adjusted_l2_regularization_strength")
        self._beta_tensor = self._hyper(self._beta, "beta")
        self._l2_shrinkage_tensor = self._hyper(self._l2_shrinkage,
                                                "l2_shrinkage_regularization_strength")
        self._learning_rate_power_tensor = self._hyper(self._learning_rate_power,
                                                       "learning_rate_power")

    def _apply_dense(self, grad, var):
        accum = self.get_slot(var, "accum")
        linear = self.get_slot(var, "linear")
        lr = self._cast(self._learning_rate_tensor, var)
        l1 = self._cast(self._l1_tensor, var)
        l2 = self._cast(self._adjusted_l2_tensor, var)
        if self._l2_shrinkage <= 0.0:
            return training_ops.apply_ftrl(var, accum, linear, grad, lr, l1, l2,
                                           self._cast(self._learning_rate_power_tensor, var),
                                           use_locking=self._use_locking)
        return training_ops.apply_ftrl_v2(var, accum, linear, grad, lr, l1, l2,
                                          self._cast(self._l2_shrinkage_tensor, var),
                                          self._cast(self._learning_rate_power_tensor, var),
                                          use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        accum = self.get_slot(var, "accum")
        linear = self.get_slot(var, "linear")
        lr = self._cast(self._learning_rate_tensor, var)
        l1 = self._cast(self._l1_tensor, var)
        l2 = self._cast(self._adjusted_l2_tensor, var)
        if self._l2_shrinkage <= 0.0:
            return training_ops.sparse_apply_ftrl(
                var, accum, linear, grad.values, grad.indices, lr, l1, l2,
                self._cast(self._learning_rate_power_tensor, var),
                use_locking=self._use_locking).op
        return training_ops.sparse_apply_ftrl_v2(
            var, accum, linear, grad.values, grad.indices, lr, l1, l2,
            self._cast(self._l2_shrinkage_tensor, var),
            self._cast(self._learning_rate_power_tensor, var), use_locking=self._use_locking).op
