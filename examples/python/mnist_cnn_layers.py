"""Chapter 4: a LeNet-style CNN written with tf.layers, trained with Adam.

conv2d 32 5x5 same relu -> max_pooling2d 2 -> conv2d 64 5x5 same relu -> max_pooling2d 2 ->
flatten -> dense 1024 relu -> dropout 0.4 (training only) -> dense 10; the loss comes from
tf.losses.sparse_softmax_cross_entropy. The model function is built twice, for training and
for evaluation, sharing its variables through variable_scope reuse.

    python3 examples/python/mnist_cnn_layers.py [--epochs 1] [--tensorflow]
"""
import argparse
import os
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
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")  # tf.compat.v1.layers under TF >= 2.16
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
else:
    import liu as tf
from liu.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets(args.data_dir, reshape=False)
np.random.seed(0)
train_size = args.train_size or mnist.train.num_examples
tf.set_random_seed(0)
BATCH = 64


def model(images, training):
    with tf.variable_scope("cnn", reuse=not training):
        net = tf.layers.conv2d(images, 32, 5, padding="same", activation=tf.nn.relu)
        net = tf.layers.max_pooling2d(net, 2, 2)
        net = tf.layers.conv2d(net, 64, 5, padding="same", activation=tf.nn.relu)
        net = tf.layers.max_pooling2d(net, 2, 2)
        net = tf.layers.flatten(net)
        net = tf.layers.dense(net, 1024, activation=tf.nn.relu)
        net = tf.layers.dropout(net, rate=0.4, training=training)
        return tf.layers.dense(net, 10)


images = tf.placeholder(tf.float32, [None, 28, 28, 1])
labels = tf.placeholder(tf.int64, [None])
loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=model(images, True))
train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
predictions = tf.argmax(model(images, False), 1)
correct = tf.reduce_sum(tf.cast(tf.equal(predictions, labels), tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    steps = train_size // BATCH
    for epoch in range(args.epochs):
        start = time.time()
        for step in range(steps):
            batch_x, batch_y = mnist.train.next_batch(BATCH)
            value, _ = sess.run([loss, train_op], {images: batch_x, labels: batch_y})
            if step % 50 == 0 or step == steps - 1:
                print("\repoch %d  step %d/%d  loss %.4f  %.1f s"
                      % (epoch + 1, step + 1, steps, value, time.time() - start), end="")
                sys.stdout.flush()
        hits = sum(sess.run(correct, {images: mnist.test.images[i:i + 1000],
                                      labels: mnist.test.labels[i:i + 1000]})
                   for i in range(0, mnist.test.num_examples, 1000))
        acc = hits / mnist.test.num_examples
        print("\nepoch %d: test accuracy %.4f" % (epoch + 1, acc))
    print("test accuracy: %.4f" % acc)
