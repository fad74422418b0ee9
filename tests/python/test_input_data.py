"""The tutorials' MNIST reader: the C++ IDX reader against an independent NumPy parser, the
split / one-hot / batching behaviour of TF's tutorial DataSet, and clear errors."""
import gzip
import os
import struct

import numpy as np
import pytest

import liu as tf
from liu.examples.tutorials.mnist import input_data


def write_idx(path, array, compress=True):
    codes = {np.uint8: 0x08, np.int8: 0x09, np.int16: 0x0B, np.int32: 0x0C,
             np.float32: 0x0D, np.float64: 0x0E}
    header = struct.pack(">BBBB", 0, 0, codes[array.dtype.type], array.ndim)
    header += struct.pack(">" + "i" * array.ndim, *array.shape)
    payload = header + array.astype(array.dtype.newbyteorder(">")).tobytes()
    with (gzip.open if compress else open)(path, "wb") as f:
        f.write(payload)


def write_mnist(folder, n_train=30, n_test=12, rows=4, cols=3):
    rng = np.random.RandomState(0)
    data = {
        "train-images-idx3-ubyte.gz": rng.randint(0, 256, (n_train, rows, cols)).astype(np.uint8),
        "train-labels-idx1-ubyte.gz": rng.randint(0, 10, n_train).astype(np.uint8),
        "t10k-images-idx3-ubyte.gz": rng.randint(0, 256, (n_test, rows, cols)).astype(np.uint8),
        "t10k-labels-idx1-ubyte.gz": rng.randint(0, 10, n_test).astype(np.uint8),
    }
    for name, array in data.items():
        write_idx(os.path.join(folder, name), array)
    return data


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16, np.int32, np.float32, np.float64])
@pytest.mark.parametrize("compress", [True, False])
def test_idx_reader_reads_every_element_type(tmp_path, dtype, compress):
    array = (np.arange(24).reshape(2, 3, 4) * 3 - 20).astype(dtype)
    if dtype == np.uint8:
        array = np.arange(24, dtype=np.uint8).reshape(2, 3, 4) * 7
    path = str(tmp_path / "x.idx")
    write_idx(path, array, compress)
    got = tf._C.read_idx_file(path)
    assert got.dtype == array.dtype and got.shape == array.shape
    np.testing.assert_array_equal(got, array)


def test_idx_reader_errors(tmp_path):
    with pytest.raises(tf.errors.NotFoundError):
        tf._C.read_idx_file(str(tmp_path / "missing.gz"))
    bad = tmp_path / "bad.gz"
    with gzip.open(bad, "wb") as f:
        f.write(b"\x01\x02\x08\x01\x00\x00\x00\x05abcde")
    with pytest.raises(tf.errors.DataLossError, match="magic"):
        tf._C.read_idx_file(str(bad))
    short = tmp_path / "short.gz"
    with gzip.open(short, "wb") as f:
        f.write(b"\x00\x00\x08\x01\x00\x00\x00\x05abc")
    with pytest.raises(tf.errors.DataLossError, match="truncated"):
        tf._C.read_idx_file(str(short))
    long = tmp_path / "long.gz"
    with gzip.open(long, "wb") as f:
        f.write(b"\x00\x00\x08\x01\x00\x00\x00\x02abc")
    with pytest.raises(tf.errors.DataLossError):
        tf._C.read_idx_file(str(long))


def test_read_data_sets_splits_scales_and_one_hots(tmp_path):
    data = write_mnist(str(tmp_path))
    sets = input_data.read_data_sets(str(tmp_path), one_hot=True, validation_size=10)
    train_images = data["train-images-idx3-ubyte.gz"]
    train_labels = data["train-labels-idx1-ubyte.gz"]
    assert sets.train.num_examples == 20 and sets.validation.num_examples == 10
    assert sets.test.num_examples == 12
    assert sets.train.images.dtype == np.float32 and sets.train.images.shape == (20, 12)
    expected = train_images[10:].reshape(20, 12).astype(np.float32) * np.float32(1.0 / 255.0)
    np.testing.assert_array_equal(sets.train.images, expected)
    assert sets.validation.labels.shape == (10, 10)
    np.testing.assert_array_equal(sets.validation.labels.argmax(1), train_labels[:10])
    np.testing.assert_array_equal(sets.validation.labels.sum(1), np.ones(10))

    raw = input_data.read_data_sets(str(tmp_path), reshape=False, dtype=tf.uint8,
                                     validation_size=10)
    assert raw.test.images.shape == (12, 4, 3, 1) and raw.test.images.dtype == np.uint8
    np.testing.assert_array_equal(raw.test.labels, data["t10k-labels-idx1-ubyte.gz"])


def test_next_batch_walks_epochs_like_tf(tmp_path):
    write_mnist(str(tmp_path))
    sets = input_data.read_data_sets(str(tmp_path), validation_size=0)
    train = sets.train
    all_images = set(map(bytes, train.images))
    seen = []
    for _ in range(3):  # 3 x 8 = 24 of 30: no epoch end yet
        images, labels = train.next_batch(8)
        assert images.shape == (8, 12) and labels.shape == (8,)
        seen.extend(map(bytes, images))
    assert train.epochs_completed == 0 and len(set(seen)) == 24
    images, _ = train.next_batch(8)  # 6 left in epoch 0, then 2 of epoch 1
    assert train.epochs_completed == 1
    assert set(map(bytes, images[:6])) == all_images - set(seen)
    unshuffled = input_data.read_data_sets(str(tmp_path), validation_size=0).train
    first, _ = unshuffled.next_batch(5, shuffle=False)
    np.testing.assert_array_equal(first, unshuffled.images[:5])


def test_missing_files_say_where_to_put_them(tmp_path, monkeypatch):
    monkeypatch.setattr(input_data, "DEFAULT_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="dataset-fashion-mnist"):
        input_data.read_data_sets(str(tmp_path / "empty"))
    with pytest.raises(ValueError, match="Validation size"):
        write_mnist(str(tmp_path))
        input_data.read_data_sets(str(tmp_path), validation_size=31)


def test_fake_data():
    sets = input_data.read_data_sets("", fake_data=True, one_hot=True)
    images, labels = sets.train.next_batch(3, fake_data=True)
    assert len(images) == 3 and len(images[0]) == 784 and labels[0][0] == 1


@pytest.mark.skipif(not os.path.isdir(input_data.DEFAULT_DATA_DIR),
                    reason="dataset-fashion-mnist not installed")
def test_fashion_mnist_matches_an_independent_parser():
    def parse(name):
        with gzip.open(os.path.join(input_data.DEFAULT_DATA_DIR, name)) as f:
            raw = f.read()
        ndim = raw[3]
        dims = struct.unpack(">" + "i" * ndim, raw[4:4 + 4 * ndim])
        return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims)

    sets = input_data.read_data_sets("MNIST_data/", validation_size=5000)
    images = parse("t10k-images-idx3-ubyte.gz")
    np.testing.assert_array_equal(
        sets.test.images, images.reshape(10000, 784).astype(np.float32) * np.float32(1 / 255.0))
    np.testing.assert_array_equal(sets.test.labels, parse("t10k-labels-idx1-ubyte.gz"))
    assert sets.train.num_examples == 55000 and sets.validation.num_examples == 5000
