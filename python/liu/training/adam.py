"""tf.train.AdamOptimizer: slots m ("<var>/Adam") and v ("<var>/Adam_1"), and the non-slot
variables beta1_power/beta2_power, advanced in _finish after every variable's update."""
from liu.framework import ops
from liu.ops import control_flow_ops
from liu.ops import math_ops
from liu.ops import sparse_update_ops
from liu.ops import state_ops
from liu.training import training_ops
from liu.training.optimizer import Optimizer

__all__ = ["AdamOptimizer"]


class AdamOptimizer(Optimizer):

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._beta1 = beta1
        self._beta2 = beta2
        self._epsilon = epsilon

    def _get_beta_accumulators(self):
        graph = ops.get_default_graph()
        return (self._get_non_slot_variable("beta1_power", graph=graph),
                self._get_non_slot_variable("beta2_power", graph=graph))

    def _create_slots(self, var_list):
        first_var = min(var_list, key=lambda x: x.name)
        self._create_non_slot_variable(self._beta1, "beta1_power", first_var)
        self._create_non_slot_variable(self._beta2, "beta2_power", first_var)
        for v in var_list:
            self._zeros_slot(v, "m", self._name)
            self._zeros_slot(v, "v", self._name)

    def _prepare(self):
        self._lr_t = self._hyper(self._lr, "learning_rate")
        self._beta1_t = self._hyper(self._beta1, "beta1")
        self._beta2_t = self._hyper(self._beta2, "beta2")
        self._epsilon_t = self._hyper(self._epsilon, "epsilon")

    def _apply_dense(self, grad, var):
        m = self.get_slot(var, "m")
        v = self.get_slot(var, "v")
        beta1_power, beta2_power = self._get_beta_accumulators()
        return training_ops.apply_adam(
            var, m, v, self._cast(beta1_power.value(), var), self._cast(beta2_power.value(), var),
            self._cast(self._lr_t, var), self._cast(self._beta1_t, var),
            self._cast(self._beta2_t, var), self._cast(self._epsilon_t, var), grad,
            use_locking=self._use_locking).op

    def _apply_sparse(self, grad, var):
        return self._apply_sparse_shared(
            grad.values, var, grad.indices,
            lambda x, i, v: sparse_update_ops.scatter_add(x, i, v,
                                                          use_locking=self._use_locking))

    def _apply_sparse_shared(self, grad, var, indices, scatter_add):
        """TF1.15's sparse Adam: m and v decay densely, then the scaled gradient rows are
        scatter-added; var moves by lr * m / (sqrt(v) + epsilon) everywhere."""
        beta1_power, beta2_power = self._get_beta_accumulators()
        beta1_power = self._cast(beta1_power, var)
        beta2_power = self._cast(beta2_power, var)
        lr_t = self._cast(self._lr_t, var)
        beta1_t = self._cast(self._beta1_t, var)
        beta2_t = self._cast(self._beta2_t, var)
        epsilon_t = self._cast(self._epsilon_t, var)
        lr = (lr_t * math_ops.sqrt(1 - beta2_power) / (1 - beta1_power))
        m = self.get_slot(var, "m")
        m_scaled_g_values = grad * (1 - beta1_t)
        m_t = state_ops.assign(m, m * beta1_t, use_locking=self._use_locking)
        with ops.control_dependencies([m_t]):
            m_t = scatter_add(m, indices, m_scaled_g_values)
        v = self.get_slot(var, "v")
        v_scaled_g_values = (grad * grad) * (1 - beta2_t)
        v_t = state_ops.assign(v, v * beta2_t, use_locking=self._use_locking)
        with ops.control_dependencies([v_t]):
            v_t = scatter_add(v, indices, v_scaled_g_values)
        v_sqrt = math_ops.sqrt(v_t)
        var_update = state_ops.assign_sub(var, lr * m_t / (v_sqrt + epsilon_t),
                                          use_locking=self._use_locking)
        return control_flow_ops.group(*[var_update, m_t, v_t])

    def _finish(self, update_ops, name_scope):
        with ops.control_dependencies(update_ops):
            beta1_power, beta2_power = self._get_beta_accumulators()
            with ops.colocate_with(beta1_power.op):
                update_beta1 = beta1_power.assign(beta1_power * self._beta1_t,
                                                  use_locking=self._use_locking)
                update_beta2 = beta2_power.assign(beta2_power * self._beta2_t,
                                                  use_locking=self._use_locking)
        return control_flow_ops.group(*update_ops + [update_beta1, update_beta2], name=name_scope)
