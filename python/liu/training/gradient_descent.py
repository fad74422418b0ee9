"""tf.train.GradientDescentOptimizer: var -= learning_rate * grad."""
from liu.ops import sparse_update_ops
from liu.training import training_ops
from liu.training.optimizer import Optimizer

__all__ = ["GradientDescentOptimizer"]


class GradientDescentOptimizer(Optimizer):

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._learning_rate_tensor = None

    def _prepare(self):
        self._learning_rate_tensor = self._hyper(self._learning_rate, "learning_rate")

    def _apply_dense(self, grad, var):
        return training_ops.apply_gradient_descent(
            var, self._cast(self._learning_rate_tensor, var), grad,
            use_locking=self._use_locking).op

    def _apply_sparse_duplicate_indices(self, grad, var):
        # TF1: scatter_sub of the rows scaled by the learning rate; ScatterSub adds up
        # repeated indices itself, so no Unique/UnsortedSegmentSum first.
        delta = grad.values * self._cast(self._learning_rate_tensor, var)
        return sparse_update_ops.scatter_sub(var, grad.indices, delta,
                                             use_locking=self._use_locking).op
