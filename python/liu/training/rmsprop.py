"""tf.train.RMSPropOptimizer (plain and centered); the "rms" slot starts at 1.0 as in TF."""
from liu.ops import init_ops
from liu.training import training_ops
from liu.training.optimizer import Optimizer

__all__ = ["RMSPropOptimizer"]


class RMSPropOptimizer(Optimizer):

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
                 centered=False, name="RMSProp"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._decay = decay
        self._momentum = momentum
        self._epsilon = epsilon
        self._centered = centered

    def _create_slots(self, var_list):
        # TF's creation order fixes the names: rms, then mg (centered), then momentum.
        for v in var_list:
            dtype = v.dtype.base_dtype
            self._get_or_make_slot_with_initializer(v, init_ops.ones_initializer(dtype=dtype),
                                                    v.get_shape(), dtype, "rms", self._name)
            if self._centered:
                self._zeros_slot(v, "mg", self._name)
            self._zeros_slot(v, "momentum", self._name)

    def _prepare(self):
        self._learning_rate_tensor = self._hyper(self._learning_rate, "learning_rate")
        self._decay_tensor = self._hyper(self._decay, "decay")
        self._momentum_tensor = self._hyper(self._momentum, "momentum")
        self._epsilon_tensor = self._hyper(self._epsilon, "epsilon")

    def _apply_dense(self, grad, var):
        rms = self.get_slot(var, "rms")
        mom = self.get_slot(var, "momentum")
        hyper = [self._cast(t, var) for t in (self._learning_rate_tensor, self._decay_tensor,
                                              self._momentum_tensor, self._epsilon_tensor)]
        if self._centered:
            mg = self.get_slot(var, "mg")
            return training_ops.apply_centered_rms_prop(
                var, mg, rms, mom, *hyper, grad, use_locking=self._use_locking).op
        return training_ops.apply_rms_prop(var, rms, mom, *hyper, grad,
                                           use_locking=self._use_locking).op

    def _apply_sparse(self, grad, var):
        rms = self.get_slot(var, "rms")
        mom = self.get_slot(var, "momentum")
        hyper = [self._cast(t, var) for t in (self._learning_rate_tensor, self._decay_tensor,
                                              self._momentum_tensor, self._epsilon_tensor)]
        if self._centered:
            mg = self.get_slot(var, "mg")
            return training_ops.sparse_apply_centered_rms_prop(
                var, mg, rms, mom, *hyper, grad.values, grad.indices,
                use_locking=self._use_locking).op
        return training_ops.sparse_apply_rms_prop(var, rms, mom, *hyper, grad.values,
                                                  grad.indices, use_locking=self._use_locking).op
