"""Chapter 3: the five-layer network 784-200-100-60-30-10 on MNIST-format data, three ways.

    --model sigmoid   sigmoid layers, Adam 0.003 (the book reports 0.9744 on MNIST)
    --model relu      ReLU layers, biases 0.1, learning rate decaying 0.003 -> 0.0001 (0.9789)
    --model dropout   as relu, with dropout (keep 0.75) after each hidden layer (0.9666)
Weights truncated_normal(stddev 0.1), loss mean softmax cross-entropy * 100, batch 100.

    python3 examples/python/mnist_mlp.py --model relu [--epochs 10] [--tensorflow]
"""
import argparse
import math
import sys

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--model", choices=["sigmoid", "relu", "dropout"], default="sigmoid")
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

mnist = input_data.read_data_sets(args.data_dir, one_hot=True)
np.random.seed(0)
train_size = args.train_size or mnist.train.num_examples
tf.set_random_seed(0)

sizes = [784, 200, 100, 60, 30, 10]
activation = tf.nn.sigmoid if args.model == "sigmoid" else tf.nn.relu
bias_init = 0.0 if args.model == "sigmoid" else 0.1

X = tf.placeholder(tf.float32, [None, 784])
Y_ = tf.placeholder(tf.float32, [None, 10])
lr = tf.placeholder(tf.float32)
pkeep = tf.placeholder(tf.float32)

layer = X
for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
    W = tf.Variable(tf.truncated_normal([fan_in, fan_out], stddev=0.1), name="W%d" % (i + 1))
    B = tf.Variable(tf.ones([fan_out]) * bias_init, name="B%d" % (i + 1))
    logits = tf.matmul(layer, W) + B
    if i < len(sizes) - 2:
        layer = activation(logits)
        if args.model == "dropout":
            layer = tf.nn.dropout(layer, pkeep)

cross_entropy = tf.reduce_mean(
    tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=Y_)) * 100
correct = tf.equal(tf.argmax(logits, 1), tf.argmax(Y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
train_step = tf.train.AdamOptimizer(lr).minimize(cross_entropy)


def learning_rate(step):
    if args.model == "sigmoid":
        return 0.003
    return 0.0001 + (0.003 - 0.0001) * math.exp(-step / 2000.0)


with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    step = 0
    for epoch in range(args.epochs):
        for _ in range(train_size // 100):
            batch_x, batch_y = mnist.train.next_batch(100)
            sess.run(train_step, {X: batch_x, Y_: batch_y, lr: learning_rate(step), pkeep: 0.75})
            step += 1
        acc = sess.run(accuracy, {X: mnist.test.images, Y_: mnist.test.labels, pkeep: 1.0})
        print("epoch %d: test accuracy %.4f" % (epoch + 1, acc))
        sys.stdout.flush()
    print("test accuracy: %.4f" % acc)
