"""Chapter 4: the three-convolution CNN on MNIST-format data, trained with RMSProp.

conv 3x3x32 -> relu -> max_pool 2x2 -> dropout, conv 3x3x64 (same), conv 3x3x128 (same, to
4x4x128), fc 625 relu -> dropout, fc 10; weights random_normal(stddev 0.01), no biases;
RMSProp(0.001, 0.9), batch 128, keep 0.8 after convolutions and 0.5 after the hidden layer.

    python3 examples/python/mnist_cnn.py [--epochs 1] [--tensorflow]
"""
import argparse
import sys
import time

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=1)
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
np.random.seed(0)
train_size = args.train_size or mnist.train.num_examples
tf.set_random_seed(0)
BATCH = 128


def weights(shape):
    return tf.Variable(tf.random_normal(shape, stddev=0.01))


def conv_block(inputs, w, keep):
    conv = tf.nn.relu(tf.nn.conv2d(inputs, w, strides=[1, 1, 1, 1], padding="SAME"))
    pooled = tf.nn.max_pool(conv, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    return tf.nn.dropout(pooled, keep)


X = tf.placeholder(tf.float32, [None, 28, 28, 1])
Y = tf.placeholder(tf.float32, [None, 10])
p_keep_conv = tf.placeholder(tf.float32)
p_keep_hidden = tf.placeholder(tf.float32)

w1, w2, w3 = weights([3, 3, 1, 32]), weights([3, 3, 32, 64]), weights([3, 3, 64, 128])
w4, w_out = weights([128 * 4 * 4, 625]), weights([625, 10])
l1 = conv_block(X, w1, p_keep_conv)            # 14x14x32
l2 = conv_block(l1, w2, p_keep_conv)           # 7x7x64
l3 = conv_block(l2, w3, p_keep_conv)           # 4x4x128
flat = tf.reshape(l3, [-1, w4.get_shape().as_list()[0]])
hidden = tf.nn.dropout(tf.nn.relu(tf.matmul(flat, w4)), p_keep_hidden)
logits = tf.matmul(hidden, w_out)

cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=Y))
train_op = tf.train.RMSPropOptimizer(0.001, 0.9).minimize(cost)
correct = tf.reduce_sum(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(Y, 1)), tf.float32))


def test_accuracy(sess):
    hits = 0.0
    for start in range(0, mnist.test.num_examples, 1000):
        hits += sess.run(correct, {X: mnist.test.images[start:start + 1000],
                                   Y: mnist.test.labels[start:start + 1000],
                                   p_keep_conv: 1.0, p_keep_hidden: 1.0})
    return hits / mnist.test.num_examples


with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    steps = train_size // BATCH
    for epoch in range(args.epochs):
        start = time.time()
        for step in range(steps):
            batch_x, batch_y = mnist.train.next_batch(BATCH)
            loss, _ = sess.run([cost, train_op], {X: batch_x, Y: batch_y, p_keep_conv: 0.8,
                                                  p_keep_hidden: 0.5})
            if step % 50 == 0 or step == steps - 1:
                print("\repoch %d  step %d/%d  loss %.4f  %.1f s"
                      % (epoch + 1, step + 1, steps, loss, time.time() - start), end="")
                sys.stdout.flush()
        acc = test_accuracy(sess)
        print("\nepoch %d: test accuracy %.4f" % (epoch + 1, acc))
    print("test accuracy: %.4f" % acc)
