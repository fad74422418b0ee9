"""Helpers for the TensorFlow tutorials (liu.examples.tutorials.mnist.input_data)."""
