"""MNIST-format data for the tutorials: `from liu.examples.tutorials.mnist import input_data`."""
