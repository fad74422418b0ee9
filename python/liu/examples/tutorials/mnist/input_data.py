"""MNIST-format data for the TF1 tutorials: `read_data_sets` and `DataSet`.

The four IDX .gz files are read by the C++ reader (liu/io/idx_file.h); this module only
splits, one-hot encodes and batches the arrays as TensorFlow's tutorial helper did. Nothing is
downloaded: without the files in `train_dir` it uses Fashion-MNIST from the Debian package
`dataset-fashion-mnist`, and otherwise says where to put them.
"""
import collections
import os

import numpy

from liu import _C
from liu.framework import dtypes, random_seed

__all__ = ["DataSet", "Datasets", "read_data_sets", "DEFAULT_DATA_DIR", "dense_to_one_hot"]

DEFAULT_DATA_DIR = "/usr/share/datasets/fashion-mnist"

TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"
_FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)

Datasets = collections.namedtuple("Datasets", ["train", "validation", "test"])


def extract_images(path):
    """uint8 images [count, rows, cols, 1] from an IDX file."""
    images = _C.read_idx_file(path)
    if images.ndim != 3:
        raise ValueError("Invalid image file %s: expected 3 dims, got shape %s"
                         % (path, images.shape))
    return images.reshape(images.shape + (1,))


def extract_labels(path, one_hot=False, num_classes=10):
    """uint8 labels [count], or float64 one-hot [count, num_classes]."""
    labels = _C.read_idx_file(path)
    if labels.ndim != 1:
        raise ValueError("Invalid label file %s: expected 1 dim, got shape %s"
                         % (path, labels.shape))
    return dense_to_one_hot(labels, num_classes) if one_hot else labels


def dense_to_one_hot(labels_dense, num_classes):
    """Class indices [n] to one-hot rows [n, num_classes] (float64, as TF's helper)."""
    one_hot = numpy.zeros((labels_dense.shape[0], num_classes))
    one_hot[numpy.arange(labels_dense.shape[0]), labels_dense.astype(numpy.int64)] = 1
    return one_hot


class DataSet:
    """Images and labels with epoch-aware, shuffling `next_batch` (TF's tutorial DataSet)."""

    def __init__(self, images, labels, fake_data=False, one_hot=False, dtype=dtypes.float32,
                 reshape=True, seed=None):
        seed1, seed2 = random_seed.get_seed(seed)
        # Same seeding as TF's helper, so a seeded program shuffles the same way.
        numpy.random.seed(seed1 if seed is None else seed2)
        dtype = dtypes.as_dtype(dtype).base_dtype
        if dtype not in (dtypes.uint8, dtypes.float32):
            raise TypeError("Invalid image dtype %r, expected uint8 or float32" % dtype)
        if fake_data:
            self._num_examples = 10000
            self.one_hot = one_hot
        else:
            if images.shape[0] != labels.shape[0]:
                raise ValueError("images.shape: %s labels.shape: %s"
                                 % (images.shape, labels.shape))
            self._num_examples = images.shape[0]
            if dtype == dtypes.float32:
                images = _C.images_to_unit_float(
                    numpy.ascontiguousarray(images.reshape(images.shape[:3])), reshape)
            elif reshape:
                images = images.reshape(images.shape[0], images.shape[1] * images.shape[2])
        self._images = images
        self._labels = labels
        self._epochs_completed = 0
        self._index_in_epoch = 0

    @property
    def images(self):
        return self._images

    @property
    def labels(self):
        return self._labels

    @property
    def num_examples(self):
        return self._num_examples

    @property
    def epochs_completed(self):
        return self._epochs_completed

    def next_batch(self, batch_size, fake_data=False, shuffle=True):
        """The next `batch_size` examples; a batch that crosses an epoch end takes the rest of
        this epoch and the start of the next (reshuffled) one."""
        if fake_data:
            fake_image = [1] * 784
            fake_label = [1] + [0] * 9 if self.one_hot else 0
            return ([fake_image for _ in range(batch_size)],
                    [fake_label for _ in range(batch_size)])
        start = self._index_in_epoch
        if self._epochs_completed == 0 and start == 0 and shuffle:
            self._shuffle()
        if start + batch_size > self._num_examples:
            self._epochs_completed += 1
            rest = self._num_examples - start
            images_rest = self._images[start:self._num_examples]
            labels_rest = self._labels[start:self._num_examples]
            if shuffle:
                self._shuffle()
            self._index_in_epoch = batch_size - rest
            end = self._index_in_epoch
            return (numpy.concatenate((images_rest, self._images[0:end]), axis=0),
                    numpy.concatenate((labels_rest, self._labels[0:end]), axis=0))
        self._index_in_epoch += batch_size
        end = self._index_in_epoch
        return self._images[start:end], self._labels[start:end]

    def _shuffle(self):
        order = numpy.arange(self._num_examples)
        numpy.random.shuffle(order)
        self._images = self._images[order]
        self._labels = self._labels[order]


def _data_dir(train_dir):
    """train_dir when it holds the four files, else the Debian Fashion-MNIST folder."""
    for folder in (train_dir, DEFAULT_DATA_DIR):
        if folder and all(os.path.isfile(os.path.join(folder, f)) for f in _FILES):
            return folder
    raise FileNotFoundError(
        "MNIST-format data not found. Put %s in %r, or install Fashion-MNIST with "
        "`apt-get install dataset-fashion-mnist` (it goes to %s). Liu does not download data."
        % (", ".join(_FILES), train_dir, DEFAULT_DATA_DIR))


def read_data_sets(train_dir=None, fake_data=False, one_hot=False, dtype=dtypes.float32,
                   reshape=True, validation_size=5000, seed=None, source_url=None):
    """train / validation / test DataSets from the four IDX files (TF's tutorial helper).

    source_url is accepted for compatibility and ignored: nothing is downloaded.
    """
    del source_url
    if fake_data:
        def fake():
            return DataSet([], [], fake_data=True, one_hot=one_hot, dtype=dtype, seed=seed)
        return Datasets(train=fake(), validation=fake(), test=fake())
    folder = _data_dir(train_dir)
    train_images = extract_images(os.path.join(folder, TRAIN_IMAGES))
    train_labels = extract_labels(os.path.join(folder, TRAIN_LABELS), one_hot=one_hot)
    test_images = extract_images(os.path.join(folder, TEST_IMAGES))
    test_labels = extract_labels(os.path.join(folder, TEST_LABELS), one_hot=one_hot)
    if not 0 <= validation_size <= len(train_images):
        raise ValueError("Validation size should be between 0 and %d. Received: %d."
                         % (len(train_images), validation_size))
    options = dict(dtype=dtype, reshape=reshape, seed=seed)
    return Datasets(
        train=DataSet(train_images[validation_size:], train_labels[validation_size:], **options),
        validation=DataSet(train_images[:validation_size], train_labels[:validation_size],
                           **options),
        test=DataSet(test_images, test_labels, **options))


def load_mnist(train_dir="MNIST-data"):
    return read_data_sets(train_dir)
