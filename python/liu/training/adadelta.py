"""tf.train.AdadeltaOptimizer: slots accum ("<var>/Adadelta") and accum_update ("_1")."""
from liu.training import training_ops
from liu.training.optimizer import Optimizer

__all__ = ["AdadeltaOptimizer"]


class AdadeltaOptimizer(Optimizer):

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False,
                 name="Adadelta"):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._rho = rho
        self._epsilon = epsilon

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "accum", self._name)
            self._zeros_slot(v, "accum_update", self._name)

    def _prepare(self):
        self._lr_t = self._hyper(self._lr, "lr")
        self._rho_t = self._hyper(self._rho, "rho")
        self._epsilon_t = self._hyper(self._epsilon, "epsilon")

    def _apply_dense(self, grad, var):
        accum = self.get_slot(var, "accum")
        accum_update = self.get_slot(var, "accum_update")
        return training_ops.apply_adadelta(
            var, accum, accum_update, self._cast(self._lr_t, var), self._cast(self._rho_t, var),
            self._cast(self._epsilon_t, var), grad, use_locking=self._use_locking).op

    def _apply_sparse(self, grad, var):
        accum = self.get_slot(var, "accum")
        accum_update = self.get_slot(var, "accum_update")
        return training_ops.sparse_apply_adadelta(
            var, accum, accum_update, self._cast(self._lr_t, var), self._cast(self._rho_t, var),
            self._cast(self._epsilon_t, var), grad.values, grad.indices,
            use_locking=self._use_locking).op
