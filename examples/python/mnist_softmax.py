"""Chapter 3: softmax regression on MNIST-format data (Fashion-MNIST by default).

A [None, 28, 28, 1] input named "input", zero-initialised weights, a softmax named "output",
the book's loss -mean(y * log(p)) * 1000 and gradient descent at 0.005, batch 100.

    python3 examples/python/mnist_softmax.py [--epochs 10] [--tensorflow]
--tensorflow runs the same program under real TensorFlow (tf.compat.v1) for comparison.
"""
import argparse
import sys

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--train-size", type=int, default=0, help="use only this many examples")
parser.add_argument("--data-dir", default="MNIST_data/")
parser.add_argument("--tensorflow", action="store_true")
args = parser.parse_args()
if args.tensorflow:
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
else:
    import liu as tf
from liu.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets(args.data_dir, one_hot=True, reshape=False)
np.random.seed(0)  # the order next_batch shuffles in: the same under both frameworks
train_size = args.train_size or mnist.train.num_examples

X = tf.placeholder(tf.float32, [None, 28, 28, 1], name="input")
Y_ = tf.placeholder(tf.float32, [None, 10])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
Y = tf.nn.softmax(tf.matmul(tf.reshape(X, [-1, 784]), W) + b, name="output")
cross_entropy = -tf.reduce_mean(Y_ * tf.log(Y)) * 1000.0
correct = tf.equal(tf.argmax(Y, 1), tf.argmax(Y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
train_step = tf.train.GradientDescentOptimizer(0.005).minimize(cross_entropy)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(args.epochs):
        for _ in range(train_size // 100):
            batch_x, batch_y = mnist.train.next_batch(100)
            sess.run(train_step, {X: batch_x, Y_: batch_y})
        acc = sess.run(accuracy, {X: mnist.test.images, Y_: mnist.test.labels})
        print("epoch %d: test accuracy %.4f" % (epoch + 1, acc))
        sys.stdout.flush()
    print("test accuracy: %.4f" % acc)
