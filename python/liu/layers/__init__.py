"""tf.layers (TF1's tf.compat.v1.layers): layer classes and their functional forms.

    y = tf.layers.dense(x, 10, activation=tf.nn.relu)     # variables dense/kernel, dense/bias
"""
from liu.layers.base import InputSpec, Layer
from liu.layers.convolutional import (Conv2D, Conv2DTranspose, Convolution2D,
                                      Convolution2DTranspose, conv2d, conv2d_transpose,
                                      convolution2d, convolution2d_transpose)
from liu.layers.core import Dense, Dropout, Flatten, dense, dropout, flatten
from liu.layers.normalization import BatchNormalization, batch_normalization
from liu.layers.pooling import (AveragePooling2D, AvgPool2D, MaxPool2D, MaxPooling2D,
                                average_pooling2d, max_pooling2d)

__all__ = [
    "Layer", "InputSpec",
    "Dense", "dense", "Dropout", "dropout", "Flatten", "flatten",
    "Conv2D", "conv2d", "Conv2DTranspose", "conv2d_transpose",
    "Convolution2D", "convolution2d", "Convolution2DTranspose", "convolution2d_transpose",
    "MaxPooling2D", "max_pooling2d", "AveragePooling2D", "average_pooling2d",
    "MaxPool2D", "AvgPool2D",
    "BatchNormalization", "batch_normalization",
]
